package io.ledgerflow.command.audit.reconciliation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What both sides say about one account at one version: its identity, state and balances. A value is null when a
 * side does not say it (a stored payload that lost a field), which differs from every value the other side has.
 */
record AccountFacts(String ownerId, String currency, String status, Long overdraftLimit, Long posted,
                    Long pendingDebits, Long pendingCredits) {

    /** The compared fields by their names in the account representation, in that order. */
    Map<String, Object> byField() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("ownerId", ownerId);
        fields.put("currency", currency);
        fields.put("status", status);
        fields.put("overdraftLimit", overdraftLimit);
        fields.put("posted", posted);
        fields.put("pendingDebits", pendingDebits);
        fields.put("pendingCredits", pendingCredits);
        return fields;
    }
}
