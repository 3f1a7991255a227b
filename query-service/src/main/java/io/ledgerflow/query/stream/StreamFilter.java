package io.ledgerflow.query.stream;

import io.ledgerflow.events.account.SettlementAccounts;
import io.ledgerflow.events.envelope.EventTypes;
import io.ledgerflow.query.web.RequestValidationException;
import io.ledgerflow.servicekit.web.FieldViolation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static io.ledgerflow.query.web.QueryParameters.isBlank;

/**
 * Which events a subscriber wants.
 *
 * @param accountId null for every account; else the events of that account and the transfers naming it as debit or
 *                  credit account
 * @param kinds     empty for every kind; else event type names ({@code TransferPosted}) and the aggregate words
 *                  {@code account} and {@code transfer}
 */
record StreamFilter(String accountId, Set<String> kinds) {

    static final StreamFilter EVERYTHING = new StreamFilter(null, Set.of());

    /** A client's account id, a settlement account or one of its shards, as events name them. */
    private static final Pattern ACCOUNT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}|@world:[A-Z]{3}(:[0-"
            + (SettlementAccounts.SHARDS - 1) + "])?");
    private static final Pattern SPACES = Pattern.compile("^ +| +$");
    private static final int MAX_KIND_LENGTH = 1_000;
    private static final List<String> AGGREGATES = List.of("account", "transfer");
    /** Every word {@code kind} accepts, by its lower case: the aggregates, then the event types. */
    private static final Map<String, String> KINDS = knownKinds();

    static StreamFilter parse(String accountId, String kind) {
        List<FieldViolation> violations = new ArrayList<>();
        if (!isBlank(accountId) && !ACCOUNT_ID.matcher(accountId).matches()) {
            violations.add(new FieldViolation("accountId", "is not an account id: [A-Za-z0-9][A-Za-z0-9._:-]{0,63}, "
                    + "@world:<CUR> or @world:<CUR>:<0-" + (SettlementAccounts.SHARDS - 1) + ">"));
        }
        Set<String> kinds = new LinkedHashSet<>();
        if (!isBlank(kind)) {
            if (kind.length() > MAX_KIND_LENGTH) {
                violations.add(new FieldViolation("kind", "must be at most " + MAX_KIND_LENGTH + " characters"));
            } else {
                for (String word : kind.split(",", -1)) {
                    // spaces only: String.trim() would also drop control characters such as NUL
                    String known = KINDS.get(SPACES.matcher(word).replaceAll("").toLowerCase(Locale.ROOT));
                    if (known == null) {
                        violations.add(new FieldViolation("kind", "must be a comma-separated list of "
                                + String.join(", ", KINDS.values())));
                        break;
                    }
                    kinds.add(known);
                }
            }
        }
        if (!violations.isEmpty()) {
            throw new RequestValidationException(violations);
        }
        return new StreamFilter(isBlank(accountId) ? null : accountId, Set.copyOf(kinds));
    }

    boolean matches(StreamEvent event) {
        return (accountId == null || event.accountIds().contains(accountId))
                && (kinds.isEmpty() || kinds.contains(event.type()) || kinds.contains(event.aggregateType()));
    }

    private static Map<String, String> knownKinds() {
        List<String> words = new ArrayList<>(AGGREGATES);
        EventTypes.ALL.stream().map(Class::getSimpleName).forEach(words::add);
        return words.stream().collect(Collectors.toMap(word -> word.toLowerCase(Locale.ROOT), Function.identity(),
                (first, second) -> first, LinkedHashMap::new));
    }
}
