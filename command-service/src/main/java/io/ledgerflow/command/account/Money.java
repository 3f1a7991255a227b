package io.ledgerflow.command.account;

/**
 * Amounts and balances stay within ±(2^53−1) so every number we publish as JSON is exact in any client,
 * JavaScript included. Crossing that bound is {@code AMOUNT_OVERFLOW}, never a wrap.
 */
public final class Money {

    public static final long MAX = 9_007_199_254_740_991L;

    private Money() {
    }

    public static boolean isValidAmount(long amount) {
        return amount >= 1 && amount <= MAX;
    }

    public static boolean withinBounds(long balance) {
        return balance >= -MAX && balance <= MAX;
    }

    /** {@code a + b}, or {@code null} when the result leaves the bounds. */
    public static Long add(long a, long b) {
        long sum = a + b;
        return withinBounds(a) && withinBounds(b) && withinBounds(sum) ? sum : null;
    }
}
