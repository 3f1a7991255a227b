package io.ledgerflow.query.dashboard;

import java.math.BigInteger;
import java.util.Map;

/**
 * One currency's totals.
 *
 * @param posted    the sum of the posted amounts of the POSTED transfers: past 2^63 after about a thousand of the
 *                  largest amounts, so not a {@code long}
 * @param pending   the sum of the amounts of the PENDING transfers (holds not yet resolved)
 * @param transfers transfers by status, every status present
 * @param accounts  accounts by status, every status present, settlement accounts not counted
 */
public record CurrencyTotals(String currency, BigInteger posted, BigInteger pending, Map<String, Long> transfers,
                             Map<String, Long> accounts) {
}
