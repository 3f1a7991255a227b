'use strict';
/*
 * The Ledgerflow dashboard. Sign-in: OAuth2 authorization code with PKCE (RFC 7636, S256) against the
 * authorization server, in the few lines of WebCrypto below. The access token is kept in this script's memory
 * only, never in localStorage or sessionStorage, so no other page load and no browser storage holds it; a
 * reload signs in again (without typing while the authorization server's login session lasts). Only the PKCE
 * verifier and state live in sessionStorage, for the one redirect, and are removed when it returns.
 * Every API call carries the token as a bearer header, the live feed too: EventSource cannot send headers,
 * so the feed is read with fetch() and parsed here (docs/api.md, "The dashboard page").
 */
(() => {
  const PKCE_KEY = 'ledgerflow.dashboard.pkce';
  const FEED_LENGTH = 100;
  const RECONNECT_FIRST_MS = 2000;
  const RECONNECT_MAX_MS = 60000;
  const RETRY_AFTER_MAX_MS = 600000;

  const state = {config: null, token: null, claims: null, lastEventId: null, stream: null, chart: null,
    refreshTimer: null, lagTimer: null, currencies: [], streamFailures: 0, advisedRetryMs: 0, reconnectTimer: null};

  const $ = id => document.getElementById(id);

  function element(tag, text, attributes) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    Object.entries(attributes || {}).forEach(([name, value]) => node.setAttribute(name, value));
    return node;
  }

  function row(cells) {
    const tr = element('tr');
    cells.forEach(cell => tr.append(cell instanceof Node ? wrap(cell) : element('td', cell)));
    return tr;
  }

  function wrap(node) {
    const td = element('td');
    td.append(node);
    return td;
  }

  function message(text) {
    $('message').textContent = text || '';
    $('message').hidden = !text;
  }

  function base64Url(bytes) {
    let binary = '';
    bytes.forEach(b => binary += String.fromCharCode(b));
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function randomString(length) {
    return base64Url(crypto.getRandomValues(new Uint8Array(length)));
  }

  async function challengeOf(verifier) {
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
    return base64Url(new Uint8Array(digest));
  }

  /** The page's own address without query: exactly the redirect URI registered at the authorization server. */
  function redirectUri() {
    return new URL('./', location.href).href;
  }

  async function signIn() {
    const verifier = randomString(32);
    const expected = randomString(16);
    sessionStorage.setItem(PKCE_KEY, JSON.stringify({verifier, state: expected}));
    const query = new URLSearchParams({
      response_type: 'code', client_id: state.config.clientId, redirect_uri: redirectUri(), state: expected,
      code_challenge: await challengeOf(verifier), code_challenge_method: 'S256'});
    location.assign(state.config.authorizationEndpoint + '?' + query);
  }

  async function finishSignIn(params) {
    const saved = JSON.parse(sessionStorage.getItem(PKCE_KEY) || 'null');
    sessionStorage.removeItem(PKCE_KEY);
    if (params.has('error')) {
      throw new Error('sign-in refused: ' + params.get('error') + ' ' + (params.get('error_description') || ''));
    }
    if (!saved || saved.state !== params.get('state')) {
      throw new Error('this sign-in was not started here (state mismatch): sign in again');
    }
    const response = await fetch(state.config.tokenEndpoint, {
      method: 'POST',
      headers: {'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json'},
      body: new URLSearchParams({grant_type: 'authorization_code', code: params.get('code'),
        redirect_uri: redirectUri(), client_id: state.config.clientId, code_verifier: saved.verifier})
    });
    const body = await response.json().catch(() => ({}));
    if (!response.ok || !body.access_token) {
      throw new Error('the token request failed: ' + (body.error || response.status));
    }
    state.token = body.access_token;
    state.claims = JSON.parse(atob(body.access_token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
  }

  function signOut(reason) {
    state.token = null;
    state.claims = null;
    if (state.stream) state.stream.abort();
    clearTimeout(state.reconnectTimer);
    clearInterval(state.lagTimer);
    $('signed-in').hidden = true;
    $('who').hidden = true;
    $('signed-out').hidden = false;
    message(reason);
  }

  /** A call to the API with the bearer token; a 401 (the token expired) ends the session. */
  async function api(path) {
    const response = await fetch(state.config.apiBase + path, {
      headers: {Authorization: 'Bearer ' + state.token, Accept: 'application/json'}, cache: 'no-store'});
    if (response.status === 401) {
      signOut('Your session has ended: sign in again.');
      throw new Error('unauthorized');
    }
    const body = await response.json().catch(() => null);
    return {status: response.status, ok: response.ok, body};
  }

  // ---- totals ----

  async function loadTotals() {
    const {ok, status, body} = await api('/dashboard/totals');
    const tbody = $('totals').querySelector('tbody');
    tbody.replaceChildren();
    if (!ok) {
      tbody.append(row([`totals unavailable (${status})`]));
      return;
    }
    $('totals-as-of').textContent = body.asOf ? 'as of ' + body.asOf : '';
    body.currencies.forEach(c => {
      const t = c.transfers || {};
      const a = c.accounts || {};
      const tr = row([c.currency, c.posted, c.pending, t.POSTED, t.PENDING, t.REJECTED, t.VOIDED, t.EXPIRED,
        a.OPEN, a.FROZEN, a.CLOSED]);
      tr.dataset.currency = c.currency;
      tr.dataset.posted = c.posted;
      tr.dataset.postedTransfers = t.POSTED;
      tbody.append(tr);
    });
    updateCurrencies(body.currencies.map(c => c.currency));
  }

  function updateCurrencies(currencies) {
    const select = $('volume-currency');
    if (currencies.join() === state.currencies.join()) return;
    const chosen = select.value;
    state.currencies = currencies;
    select.replaceChildren(...currencies.map(c => element('option', c, {value: c})));
    select.value = currencies.includes(chosen) ? chosen : (currencies[0] || '');
  }

  // ---- volume chart (uPlot) ----

  async function loadVolume() {
    const currency = $('volume-currency').value;
    if (!currency) {
      $('volume-summary').textContent = 'no currency yet';
      return;
    }
    const bucket = $('volume-bucket').value;
    const {ok, status, body} = await api(`/dashboard/volume?currency=${encodeURIComponent(currency)}&bucket=${bucket}`);
    if (!ok) {
      $('volume-summary').textContent = `volume unavailable (${status})`;
      return;
    }
    const items = body.items || [];
    const xs = items.map(i => Date.parse(i.start) / 1000);
    const volumes = items.map(i => i.volume);
    const counts = items.map(i => i.count);
    const totalCount = counts.reduce((sum, n) => sum + n, 0);
    const totalVolume = volumes.reduce((sum, n) => sum + n, 0);
    const summary = $('volume-summary');
    summary.textContent = `${totalCount} transfers, volume ${totalVolume} ${currency} in the last ${items.length} ${bucket}s`;
    summary.dataset.count = totalCount;
    summary.dataset.volume = totalVolume;
    drawChart([xs, volumes, counts]);
  }

  function drawChart(data) {
    if (state.chart) {
      state.chart.setData(data);
      return;
    }
    const container = $('volume-chart');
    state.chart = new uPlot({
      width: Math.max(container.clientWidth, 480), height: 260,
      series: [
        {},
        {label: 'volume', stroke: '#2f6fb3', fill: 'rgba(47,111,179,0.25)', paths: uPlot.paths.bars({size: [0.8]})},
        {label: 'transfers', stroke: '#c0622f', scale: 'count', width: 2, points: {show: false}}
      ],
      axes: [{}, {label: 'volume'}, {label: 'transfers', scale: 'count', side: 1, grid: {show: false}}]
    }, data, container);
  }

  // ---- live feed: SSE over fetch() ----

  /**
   * How long to wait before reconnecting: never sooner than the server asked (Retry-After on a 429 or 503, in
   * seconds or as an HTTP date, capped at 10 minutes); otherwise the stream's advised `retry:` (2 s until it
   * sends one), doubled for each failure in a row up to a minute, and jittered down to half, so that the
   * dashboards one restart cut off do not all come back in the same instant.
   */
  function reconnectDelay(failures, retryAfter, advisedMs, random, now) {
    const base = advisedMs > 0 ? advisedMs : RECONNECT_FIRST_MS;
    const backoff = Math.min(RECONNECT_MAX_MS, base * 2 ** Math.min(10, Math.max(0, failures - 1)));
    const jittered = Math.round(backoff * (0.5 + random() / 2));
    return Math.max(jittered, retryAfterMs(retryAfter, now));
  }

  function retryAfterMs(header, now) {
    if (!header) return 0;
    const text = String(header).trim();
    const ms = /^\d+$/.test(text) ? Number(text) * 1000 : Date.parse(text) - now;
    return Number.isFinite(ms) ? Math.min(RETRY_AFTER_MAX_MS, Math.max(0, ms)) : 0;
  }

  function reconnectLater(retryAfter) {
    state.streamFailures++;
    const delay = reconnectDelay(state.streamFailures, retryAfter, state.advisedRetryMs, Math.random, Date.now());
    $('feed-status').textContent = 'reconnecting in ' + Math.ceil(delay / 1000) + ' s';
    state.reconnectTimer = setTimeout(openStream, delay);
  }

  async function openStream() {
    clearTimeout(state.reconnectTimer);
    if (!state.token) return;
    const controller = new AbortController();
    state.stream = controller;
    const headers = {Authorization: 'Bearer ' + state.token, Accept: 'text/event-stream'};
    if (state.lastEventId) headers['Last-Event-ID'] = state.lastEventId;
    try {
      const response = await fetch(state.config.apiBase + '/stream', {headers, cache: 'no-store', signal: controller.signal});
      if (response.status === 401) {
        signOut('Your session has ended: sign in again.');
        return;
      }
      if (!response.ok) {
        reconnectLater(response.headers.get('Retry-After'));
        return;
      }
      state.streamFailures = 0;
      $('feed-status').textContent = 'live';
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const {value, done} = await reader.read();
        if (done) break;
        buffer = (buffer + value).replace(/\r\n?/g, '\n');
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          onStreamBlock(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      }
    } catch (e) {
      if (controller.signal.aborted) return;
    }
    if (controller.signal.aborted || !state.token) return;
    reconnectLater(null);
  }

  /** One Server-Sent Event: id, event and data lines (the format of the HTML standard). */
  function onStreamBlock(block) {
    let id = null, type = 'message';
    const data = [];
    block.split('\n').forEach(line => {
      if (!line || line.startsWith(':')) return;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'id') id = value;
      else if (field === 'event') type = value;
      else if (field === 'data') data.push(value);
      else if (field === 'retry' && /^\d+$/.test(value)) state.advisedRetryMs = Number(value);
    });
    if (id !== null) state.lastEventId = id;
    if (!data.length && type === 'message') return;
    if (type === 'reset') {
      // the server could not resume where we left off: what we show may have missed events
      addToFeed(element('li', 'reset: reloading (' + data.join('\n') + ')', {class: 'reset'}));
      refreshSoon();
      return;
    }
    let event;
    try {
      event = JSON.parse(data.join('\n'));
    } catch (e) {
      return;
    }
    const fields = event.event || {};
    const terms = fields.terms || {};
    const amount = fields.postedAmount ?? fields.amount ?? terms.amount;
    const text = [event.at, event.type || type, event.transferId || '', (event.accountIds || []).join(' → '),
      amount ?? '', terms.currency ?? ''].filter(part => part !== '').join('  ');
    const li = element('li', text);
    li.dataset.type = event.type || type;
    if (event.transferId) li.dataset.transferId = event.transferId;
    addToFeed(li);
    refreshSoon();
  }

  function addToFeed(li) {
    const feed = $('feed');
    feed.prepend(li);
    while (feed.children.length > FEED_LENGTH) feed.lastElementChild.remove();
  }

  /** Totals, chart and lag follow the feed, at most a few times a second. */
  function refreshSoon() {
    clearTimeout(state.refreshTimer);
    state.refreshTimer = setTimeout(() => {
      loadTotals().then(loadVolume).catch(() => {});
      loadLag().catch(() => {});
    }, 300);
  }

  // ---- accounts and statements ----

  async function searchAccounts(event) {
    event.preventDefault();
    const query = new URLSearchParams({limit: '50'});
    const owner = $('search-owner').value.trim();
    const currency = $('search-currency').value.trim().toUpperCase();
    const status = $('search-status').value;
    if (owner) query.set('ownerId', owner);
    if (currency) query.set('currency', currency);
    if (status) query.set('status', status);
    const {ok, status: code, body} = await api('/accounts?' + query);
    const tbody = $('accounts').querySelector('tbody');
    tbody.replaceChildren();
    if (!ok) {
      tbody.append(row([problemText(code, body)]));
      return;
    }
    body.items.forEach(account => {
      const button = element('button', 'statement', {type: 'button'});
      button.addEventListener('click', () => loadStatement(account.id).catch(() => {}));
      const tr = row([account.id, account.ownerId, account.currency, account.status, account.posted, account.available, button]);
      tr.dataset.accountId = account.id;
      tbody.append(tr);
    });
    if (!body.items.length) tbody.append(row(['no account matches']));
  }

  async function loadStatement(accountId) {
    const {ok, status, body} = await api(`/accounts/${encodeURIComponent(accountId)}/entries?limit=50`);
    $('statement-account').textContent = accountId;
    $('statement-title').hidden = false;
    $('statement').hidden = false;
    const tbody = $('statement').querySelector('tbody');
    tbody.replaceChildren();
    if (!ok) {
      tbody.append(row([problemText(status, body)]));
      return;
    }
    body.items.forEach(entry => tbody.append(row([entry.at, entry.transferId, entry.kind, entry.amount, entry.balanceAfter])));
    if (!body.items.length) tbody.append(row(['no entries yet']));
  }

  function problemText(status, body) {
    const errors = (body && body.errors || []).map(e => `${e.field}: ${e.message}`).join('; ');
    return `${status} ${body && body.code || ''} ${errors || (body && body.detail) || ''}`.trim();
  }

  // ---- projection lag ----

  async function loadLag() {
    const {ok, status, body} = await api('/admin/projections');
    const text = $('lag');
    const table = $('lag-partitions');
    text.className = '';
    if (status === 403) {
      text.textContent = 'Projection lag: not available for your role.';
      text.className = 'unavailable';
      table.hidden = true;
      return;
    }
    if (!ok) {
      text.textContent = `Projection lag: not available (${status}).`;
      text.className = 'unavailable';
      table.hidden = true;
      return;
    }
    const since = body.secondsSinceLastEvent === null || body.secondsSinceLastEvent === undefined
      ? 'no event yet' : `${body.secondsSinceLastEvent} s since the last event`;
    // lag and end offsets are null when Kafka did not answer in time: the checkpoints are still shown
    const lag = body.lag === null || body.lag === undefined ? 'unknown (Kafka did not answer)' : `${body.lag} events`;
    text.textContent = `Lag ${lag}, ${since}` + (body.rebuild ? `; rebuild ${body.rebuild.state}` : '');
    const tbody = table.querySelector('tbody');
    tbody.replaceChildren(...(body.partitions || []).map(p =>
      row([p.topic, p.partition, p.checkpoint, p.endOffset ?? '—', p.lag ?? '—', p.lastEventAt || '—'])));
    table.hidden = false;
  }

  // ---- start ----

  function showSignedIn() {
    $('signed-out').hidden = true;
    $('signed-in').hidden = false;
    $('who').hidden = false;
    $('who-name').textContent = state.claims.sub;
    $('who-roles').textContent = (state.claims.roles || []).join(', ');
    loadTotals().then(loadVolume).catch(e => message('Could not load the totals: ' + e.message));
    loadLag().catch(() => {});
    state.lagTimer = setInterval(() => loadLag().catch(() => {}), 10000);
    openStream();
  }

  async function main() {
    $('sign-in').addEventListener('click', () => signIn().catch(e => message(e.message)));
    $('sign-out').addEventListener('click', () => signOut('Signed out.'));
    $('volume-currency').addEventListener('change', () => loadVolume().catch(() => {}));
    $('volume-bucket').addEventListener('change', () => loadVolume().catch(() => {}));
    $('account-search').addEventListener('submit', e => searchAccounts(e).catch(() => {}));
    state.config = await (await fetch('config.json', {cache: 'no-store'})).json();
    const params = new URLSearchParams(location.search);
    if (params.has('code') || params.has('error')) {
      // the code is single-use and must not stay in the address bar or the history
      history.replaceState(null, '', location.pathname);
      try {
        await finishSignIn(params);
      } catch (e) {
        signOut(e.message);
        return;
      }
    }
    if (state.token) showSignedIn(); else signOut('');
  }

  main().catch(e => message('The dashboard could not start: ' + e.message));
})();
