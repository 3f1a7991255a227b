package io.ledgerflow.verifier.violation;

/**
 * One broken rule, where it was found.
 *
 * @param position  the global position of the event (or anchor) it was found at, or -1 when there is none (a line
 *                  that is not JSON, a record that is not a CloudEvent)
 * @param aggregate {@code account/<id>}, {@code transfer/<id>}, {@code currency/<code>}, {@code anchor}, or where
 *                  the unreadable input was ({@code line 7}, {@code partition 2 offset 40})
 */
public record Violation(ViolationKind kind, long position, String aggregate, String detail) {

    @Override
    public String toString() {
        return kind + (position >= 0 ? " at position " + position : "") + ", " + aggregate + ": " + detail;
    }
}
