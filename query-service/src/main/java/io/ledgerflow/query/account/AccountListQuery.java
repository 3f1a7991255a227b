package io.ledgerflow.query.account;

import io.ledgerflow.events.account.AccountStatus;
import io.ledgerflow.query.web.QueryParameters;
import io.ledgerflow.query.web.RequestValidationException;
import io.ledgerflow.servicekit.web.FieldViolation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A validated account list request: each filter null when absent, {@code afterId} from the cursor (null on the
 * first page). Blank parameters count as absent.
 */
public record AccountListQuery(String ownerId, String currency, String status, int limit, String afterId) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 500;
    private static final int MAX_OWNER_ID_LENGTH = 128;
    /** ASCII digits only: {@code Integer.parseInt} would also take other scripts' digits and a sign. */
    private static final Pattern LIMIT = Pattern.compile("[0-9]{1,9}");

    /** Reads the raw query parameters, reporting every invalid one at once. */
    public static AccountListQuery parse(String ownerId, String currency, String status, String limit, String cursor) {
        List<FieldViolation> violations = new ArrayList<>();
        String owner = blank(ownerId) ? null : ownerId;
        if (owner != null && (owner.length() > MAX_OWNER_ID_LENGTH || owner.chars().anyMatch(Character::isISOControl))) {
            violations.add(new FieldViolation("ownerId", "must be at most " + MAX_OWNER_ID_LENGTH
                    + " characters, none of them a control character"));
        }
        String currencyCode = blank(currency) ? null : currency;
        if (currencyCode != null && !QueryParameters.isIsoCurrency(currencyCode)) {
            violations.add(new FieldViolation("currency", "must be an ISO 4217 currency code, e.g. USD"));
        }
        String accountStatus = blank(status) ? null : status;
        if (accountStatus != null && Arrays.stream(AccountStatus.values()).noneMatch(s -> s.name().equals(status))) {
            violations.add(new FieldViolation("status", "must be one of OPEN, FROZEN, CLOSED"));
        }
        int pageSize = limit(limit, violations);
        String afterId = null;
        if (!blank(cursor)) {
            Optional<AccountCursor> decoded = AccountCursor.decode(cursor);
            if (decoded.isEmpty()) {
                violations.add(new FieldViolation("cursor", "is not a cursor returned by this API"));
            } else {
                afterId = decoded.get().afterId();
            }
        }
        if (!violations.isEmpty()) {
            throw new RequestValidationException(violations);
        }
        return new AccountListQuery(owner, currencyCode, accountStatus, pageSize, afterId);
    }

    private static int limit(String value, List<FieldViolation> violations) {
        if (blank(value)) {
            return DEFAULT_LIMIT;
        }
        String digits = value.trim();
        if (LIMIT.matcher(digits).matches()) {
            int limit = Integer.parseInt(digits);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        }
        violations.add(new FieldViolation("limit", "must be an integer from 1 to " + MAX_LIMIT));
        return DEFAULT_LIMIT;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
