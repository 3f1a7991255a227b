package io.ledgerflow.verifier.violation;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** Counts violations per kind and keeps the first of each: a broken history often breaks many rules after one cause. */
public final class Violations {

    private final Map<ViolationKind, Violation> first = new EnumMap<>(ViolationKind.class);
    private final Map<ViolationKind, Long> counts = new EnumMap<>(ViolationKind.class);

    public void report(ViolationKind kind, long position, String aggregate, String detail) {
        first.putIfAbsent(kind, new Violation(kind, position, aggregate, detail));
        counts.merge(kind, 1L, Long::sum);
    }

    public boolean none() {
        return counts.isEmpty();
    }

    public long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    public long count(ViolationKind kind) {
        return counts.getOrDefault(kind, 0L);
    }

    public Optional<Violation> first(ViolationKind kind) {
        return Optional.ofNullable(first.get(kind));
    }

    /** The first violation of each kind that occurred, in the enum's order. */
    public Map<ViolationKind, Violation> firsts() {
        return new EnumMap<>(first);
    }
}
