package io.ledgerflow.query.dashboard;

import java.time.Instant;
import java.util.List;

/**
 * The totals of the API contract, per currency sorted by code.
 *
 * @param asOf the time of the newest event they reflect; null before any
 */
public record DashboardTotals(List<CurrencyTotals> currencies, Instant asOf) {
}
