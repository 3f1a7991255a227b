package io.ledgerflow.command.model;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Map;

/**
 * What both sides are compared on after every step, in exact arithmetic.
 *
 * @param accounts    customer accounts by id
 * @param settlements {@code @world:<CUR>} balances by id (a settlement account that does not exist yet is absent)
 * @param transfers   every transfer id that exists, by id
 * @param expiries    the expiry schedule: transfer id → due time
 */
record LedgerView(Map<String, AccountView> accounts, Map<String, Balance> settlements,
                  Map<String, TransferView> transfers, Map<String, Instant> expiries) {

    record Balance(BigInteger posted, BigInteger pendingDebits, BigInteger pendingCredits) {

        static final Balance ZERO = new Balance(BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO);
    }

    record AccountView(String id, String ownerId, String currency, String status, long overdraftLimit,
                       Balance balance, long version) {

        BigInteger available() {
            return balance.posted().subtract(balance.pendingDebits()).add(BigInteger.valueOf(overdraftLimit));
        }
    }

    /** {@code rejectionCode} null unless REJECTED; {@code resolvedAt} null while PENDING. */
    record TransferView(String id, String kind, String debitAccountId, String creditAccountId, long amount,
                        String currency, String reference, boolean pending, Long timeoutSeconds, String createdBy,
                        String status, String rejectionCode, long postedAmount, Instant createdAt,
                        Instant resolvedAt) {
    }
}
