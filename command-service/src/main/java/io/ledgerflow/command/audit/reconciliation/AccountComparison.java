package io.ledgerflow.command.audit.reconciliation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compares one projected account with its stream in the event store at the projection's own version, so that a
 * projection that is merely behind is never reported as wrong: it is {@code LAGGING} when it equals the store at
 * its version but the store has newer events.
 */
final class AccountComparison {

    enum Verdict { MATCHED, LAGGING, DIFFERENT }

    record Outcome(Verdict verdict, List<Difference> differences) {
    }

    static final String ABSENT = "absent";
    static final String PRESENT = "present";

    private AccountComparison() {
    }

    /** {@code stored} is null when the store holds no event of the account. */
    static Outcome compare(ProjectedAccount projected, StoredAccount stored) {
        if (stored == null) {
            return different(new Difference(projected.id(), "account", ABSENT, PRESENT, projected.version()));
        }
        long storeVersion = stored.lastSequence() + 1;
        if (projected.version() > storeVersion || stored.facts() == null) {
            return different(new Difference(projected.id(), "version", storeVersion, projected.version(),
                    projected.version()));
        }
        List<Difference> differences = new ArrayList<>();
        Map<String, Object> store = stored.facts().byField();
        projected.facts().byField().forEach((field, shown) -> {
            Object replayed = store.get(field);
            if (!Objects.equals(replayed, shown)) {
                differences.add(new Difference(projected.id(), field, replayed, shown, projected.version()));
            }
        });
        if (!differences.isEmpty()) {
            return new Outcome(Verdict.DIFFERENT, List.copyOf(differences));
        }
        return new Outcome(projected.version() < storeVersion ? Verdict.LAGGING : Verdict.MATCHED, List.of());
    }

    private static Outcome different(Difference difference) {
        return new Outcome(Verdict.DIFFERENT, List.of(difference));
    }
}
