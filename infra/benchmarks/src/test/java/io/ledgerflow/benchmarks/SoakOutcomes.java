package io.ledgerflow.benchmarks;

import io.gatling.javaapi.core.Session;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the soak's virtual users were answered: statuses per request name ({@link Outcomes}), the ids accepted
 * (200/201) and rejected (422), how many 201s each id got (a retried id should get exactly one), and the first
 * unexpected answers (5xx, no response, anything but 200/201/422) with the start of their body.
 */
final class SoakOutcomes {

    static final int KEPT_UNEXPECTED = 25;

    final Outcomes statuses = new Outcomes();
    final Set<String> accepted = ConcurrentHashMap.newKeySet();
    final Set<String> rejected = ConcurrentHashMap.newKeySet();
    final Map<String, AtomicInteger> createdAnswers = new ConcurrentHashMap<>();
    private final Map<String, Copies> retried = new ConcurrentHashMap<>();
    private final List<String> unexpected = new ArrayList<>();
    private final AtomicInteger unexpectedCount = new AtomicInteger();

    /** The sends of one retried id: the first and last send, the first answer, the sends before that answer. */
    private static final class Copies {
        long firstSent;
        long lastSent;
        long firstAnswered;
        int sends;
        int sentWhileInFlight;
    }

    /** Just before a copy of a retried id is sent. */
    Session sent(Session session) {
        long now = System.nanoTime();
        Copies copies = retried.computeIfAbsent(session.getString("transferId"), k -> new Copies());
        synchronized (copies) {
            if (copies.sends == 0) {
                copies.firstSent = now;
            } else if (copies.firstAnswered == 0) {
                copies.sentWhileInFlight++;
            }
            copies.lastSent = now;
            copies.sends++;
        }
        return session;
    }

    private void answered(String id) {
        Copies copies = retried.get(id);
        if (copies != null) {
            synchronized (copies) {
                if (copies.firstAnswered == 0) {
                    copies.firstAnswered = System.nanoTime();
                }
            }
        }
    }

    /** Spread between the first and last send of each retried id (ms percentiles) and the share of copies sent in flight. */
    String retrySpread() {
        List<Long> spreads = new ArrayList<>();
        long copiesAfterFirst = 0;
        long inFlight = 0;
        for (Copies copies : retried.values()) {
            synchronized (copies) {
                if (copies.sends > 1) {
                    spreads.add(copies.lastSent - copies.firstSent);
                    copiesAfterFirst += copies.sends - 1;
                    inFlight += copies.sentWhileInFlight;
                }
            }
        }
        Percentiles p = new Percentiles(spreads.stream().mapToLong(Long::longValue).toArray());
        return String.format(java.util.Locale.ROOT, "%d retried ids; first to last copy sent within p50 %.1f ms, p95 %.1f ms, "
                        + "max %.1f ms; %d of %d repeat copies (%.1f %%) sent while an earlier copy was in flight",
                retried.size(), p.millis(50), p.millis(95), p.maxMillis(), inFlight, copiesAfterFirst,
                100.0 * inFlight / Math.max(copiesAfterFirst, 1));
    }

    /** After a request: its status (0 when there was no response) and body are in the session. */
    Session record(String request, Session session) {
        int status = session.contains("status") ? session.getInt("status") : 0;
        String id = session.getString("transferId");
        statuses.count(request, status);
        answered(id);
        if (status == 200 || status == 201) {
            accepted.add(id);
            if (status == 201) {
                createdAnswers.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            }
        } else if (status == 422) {
            rejected.add(id);
        } else {
            unexpectedCount.incrementAndGet();
            synchronized (unexpected) {
                if (unexpected.size() < KEPT_UNEXPECTED) {
                    String body = session.contains("body") ? session.getString("body") : "";
                    unexpected.add(request + " " + id + " -> " + (status == 0 ? "no response" : "HTTP " + status) + " "
                            + (body == null ? "" : body.substring(0, Math.min(body.length(), 300)).replace('\n', ' ')));
                }
            }
        }
        return session.remove("status").remove("body");
    }

    int unexpectedCount() {
        return unexpectedCount.get();
    }

    List<String> unexpected() {
        synchronized (unexpected) {
            return List.copyOf(unexpected);
        }
    }

    /** Ids answered 201 more than once: two requests each believed they created the transfer. */
    long createdMoreThanOnce() {
        return createdAnswers.values().stream().filter(count -> count.get() > 1).count();
    }
}
