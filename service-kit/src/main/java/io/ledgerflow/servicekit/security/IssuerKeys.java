package io.ledgerflow.servicekit.security;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.CachingJWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;

import java.net.MalformedURLException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The issuer's signing keys: its JWK set, fetched with bounded waits and kept for five minutes (Nimbus's
 * {@link CachingJWKSetSource}).
 * <p>
 * A token naming a key the kept set lacks ({@code kid}) makes the set be fetched again, since the issuer may have
 * rotated its keys, but <b>at most once per {@code refetchInterval}</b>; within it such a token finds no key and is
 * refused 401. Spring's own decoder fetches again for every such token (it builds its key source without a rate
 * limit), so anyone could make each request to the API cost one request to the issuer, made on a request thread
 * under the key set's lock, before any signature is checked. The five-minute refresh of the kept set is not
 * limited: only fetches forced by unknown keys are.
 */
final class IssuerKeys implements JWKSource<SecurityContext> {

    private final JWKSetSource<SecurityContext> keySets;
    private final long refetchIntervalMillis;
    private final LongSupplier clock;
    private final AtomicLong nextRefetchAt = new AtomicLong(Long.MIN_VALUE);

    IssuerKeys(JWKSetSource<SecurityContext> keySets, Duration refetchInterval, LongSupplier clock) {
        this.keySets = keySets;
        this.refetchIntervalMillis = refetchInterval.toMillis();
        this.clock = clock;
    }

    static IssuerKeys fetchedFrom(String jwkSetUri, Duration connectTimeout, Duration readTimeout,
                                  Duration refetchInterval) {
        DefaultResourceRetriever retriever = new DefaultResourceRetriever((int) connectTimeout.toMillis(),
                (int) readTimeout.toMillis(), JWKSourceBuilder.DEFAULT_HTTP_SIZE_LIMIT);
        try {
            JWKSetSource<SecurityContext> fetched = new URLBasedJWKSetSource<>(URI.create(jwkSetUri).toURL(), retriever);
            return new IssuerKeys(new CachingJWKSetSource<>(fetched, JWKSourceBuilder.DEFAULT_CACHE_TIME_TO_LIVE,
                    JWKSourceBuilder.DEFAULT_CACHE_REFRESH_TIMEOUT, null), refetchInterval, System::currentTimeMillis);
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("ledgerflow.security.jwk-set-uri is not a URL: " + jwkSetUri, e);
        }
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        long now = clock.getAsLong();
        JWKSet kept = keySets.getJWKSet(JWKSetCacheRefreshEvaluator.noRefresh(), now, context);
        List<JWK> keys = selector.select(kept);
        if (!keys.isEmpty() || !mayRefetch(now)) {
            return keys;
        }
        // another thread may have fetched since: the comparison then takes its set instead of fetching again
        return selector.select(keySets.getJWKSet(JWKSetCacheRefreshEvaluator.referenceComparison(kept), now, context));
    }

    private boolean mayRefetch(long now) {
        long allowedFrom = nextRefetchAt.get();
        return now >= allowedFrom && nextRefetchAt.compareAndSet(allowedFrom, now + refetchIntervalMillis);
    }
}
