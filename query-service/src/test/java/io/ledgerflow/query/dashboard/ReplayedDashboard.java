package io.ledgerflow.query.dashboard;

import io.ledgerflow.events.account.AccountEvent;
import io.ledgerflow.events.account.AccountOpened;
import io.ledgerflow.events.account.AccountStateEvent;
import io.ledgerflow.events.envelope.EventEnvelope;
import io.ledgerflow.events.transfer.TransferEvent;
import io.ledgerflow.events.transfer.TransferExpired;
import io.ledgerflow.events.transfer.TransferPending;
import io.ledgerflow.events.transfer.TransferPendingPosted;
import io.ledgerflow.events.transfer.TransferPosted;
import io.ledgerflow.events.transfer.TransferRejected;
import io.ledgerflow.events.transfer.TransferVoided;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The dashboard the straightforward way, to hold the projection against: each event applied once, in order, to
 * each transfer's and each account's state, then everything added up.
 */
final class ReplayedDashboard {

    private record Transfer(String currency, String status, long amount, long posted, Instant resolvedAt) {
    }

    private final Map<String, Transfer> transfers = new LinkedHashMap<>();
    private final Map<String, String> accountCurrencies = new HashMap<>();
    private final Map<String, String> accountStatuses = new HashMap<>();
    private Instant newest;

    ReplayedDashboard(List<EventEnvelope> history) {
        history.forEach(this::apply);
    }

    private void apply(EventEnvelope envelope) {
        newest = envelope.time();
        if (envelope.event() instanceof AccountOpened opened) {
            if (!opened.system()) {
                accountCurrencies.put(opened.accountId(), opened.currency());
                accountStatuses.put(opened.accountId(), "OPEN");
            }
        } else if (envelope.event() instanceof AccountStateEvent state
                && accountStatuses.containsKey(state.accountId())) {
            accountStatuses.put(state.accountId(), state.state().status().name());
        } else if (envelope.event() instanceof TransferEvent event) {
            String currency = event.terms().currency();
            long amount = event.terms().amount();
            Instant at = envelope.time();
            Transfer after = event.accept(new TransferEvent.Visitor<>() {
                @Override
                public Transfer posted(TransferPosted posted) {
                    return new Transfer(currency, "POSTED", amount, amount, at);
                }

                @Override
                public Transfer rejected(TransferRejected rejected) {
                    return new Transfer(currency, "REJECTED", amount, 0, at);
                }

                @Override
                public Transfer pending(TransferPending pending) {
                    return new Transfer(currency, "PENDING", amount, 0, null);
                }

                @Override
                public Transfer pendingPosted(TransferPendingPosted posted) {
                    return new Transfer(currency, "POSTED", amount, posted.amount(), at);
                }

                @Override
                public Transfer voided(TransferVoided voided) {
                    return new Transfer(currency, "VOIDED", amount, 0, at);
                }

                @Override
                public Transfer expired(TransferExpired expired) {
                    return new Transfer(currency, "EXPIRED", amount, 0, at);
                }
            });
            transfers.put(event.transferId(), after);
        } else if (!(envelope.event() instanceof AccountEvent)) {
            throw new IllegalArgumentException(envelope.toString());
        }
    }

    DashboardTotals totals() {
        TreeSet<String> currencies = new TreeSet<>(accountCurrencies.values());
        transfers.values().forEach(transfer -> currencies.add(transfer.currency()));
        List<CurrencyTotals> totals = new ArrayList<>();
        for (String currency : currencies) {
            BigInteger posted = BigInteger.ZERO;
            BigInteger pending = BigInteger.ZERO;
            Map<String, Long> byStatus = new LinkedHashMap<>();
            DashboardQueries.TRANSFER_STATUSES.forEach(status -> byStatus.put(status, 0L));
            for (Transfer transfer : transfers.values()) {
                if (transfer.currency().equals(currency)) {
                    byStatus.merge(transfer.status(), 1L, Long::sum);
                    posted = posted.add(BigInteger.valueOf(transfer.status().equals("POSTED") ? transfer.posted() : 0));
                    pending = pending.add(BigInteger.valueOf(transfer.status().equals("PENDING") ? transfer.amount() : 0));
                }
            }
            Map<String, Long> accounts = new LinkedHashMap<>();
            List.of("OPEN", "FROZEN", "CLOSED").forEach(status -> accounts.put(status, 0L));
            accountStatuses.forEach((id, status) -> {
                if (accountCurrencies.get(id).equals(currency)) {
                    accounts.merge(status, 1L, Long::sum);
                }
            });
            totals.add(new CurrencyTotals(currency, posted, pending, byStatus, accounts));
        }
        return new DashboardTotals(totals, newest);
    }

    VolumeSeries volume(String currency, Bucket bucket, Instant from, Instant to) {
        Map<Instant, BigInteger[]> byStart = new TreeMap<>();
        for (Instant start = from; start.isBefore(to); start = bucket.plus(start, 1)) {
            byStart.put(start, new BigInteger[] {BigInteger.ZERO, BigInteger.ZERO});
        }
        for (Transfer transfer : transfers.values()) {
            if (transfer.currency().equals(currency) && transfer.status().equals("POSTED")) {
                BigInteger[] sums = byStart.get(bucket.floor(transfer.resolvedAt()));
                if (sums != null) {
                    sums[0] = sums[0].add(BigInteger.ONE);
                    sums[1] = sums[1].add(BigInteger.valueOf(transfer.posted()));
                }
            }
        }
        List<VolumeBucket> items = new ArrayList<>();
        byStart.forEach((start, sums) -> items.add(new VolumeBucket(start, sums[0].longValueExact(), sums[1])));
        return new VolumeSeries(currency, bucket.label(), from, to, items);
    }
}
