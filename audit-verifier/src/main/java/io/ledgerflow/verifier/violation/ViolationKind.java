package io.ledgerflow.verifier.violation;

/** Every kind of violation the verifier reports; the report shows the first of each kind and how many there were. */
public enum ViolationKind {
    /** A line of an export or a Kafka record that cannot be read as a ledger event. */
    UNREADABLE_EVENT("an event cannot be read"),
    /** An aggregate's sequence skips numbers: events are missing. */
    SEQUENCE_GAP("events missing from an aggregate's sequence"),
    /** The same event (same id) appears twice. */
    DUPLICATE_EVENT("an event appears twice"),
    /** Two different events claim the same position, or the same (aggregate, sequence). */
    CONFLICTING_EVENT("two different events at one position or sequence"),
    /** Positions do not increase in the replayed order. */
    POSITION_ORDER("positions out of order"),
    /** The balances an account event carries differ from those re-derived from the account's events. */
    BALANCE_MISMATCH("carried balances differ from the re-derived ones"),
    /** A transfer lacks one of its legs, has one too many, or a leg of the wrong account, amount or kind. */
    TRANSFER_LEGS("a transfer does not have exactly its legs"),
    /** Σ posted of a currency is not 0 at a point where no transaction of that currency is partly applied. */
    LEDGER_IMBALANCE("Σ posted of a currency is not 0"),
    /** A line's hash is not HashChain.link(previous line's hash, event). */
    BROKEN_LINK("hash chain broken"),
    /** An anchor's signature is not valid for the public key. */
    ANCHOR_SIGNATURE("anchor signature invalid"),
    /** An anchor's head hash differs from the chain recomputed at its position. */
    ANCHOR_HEAD("anchor head differs from the chain");

    private final String meaning;

    ViolationKind(String meaning) {
        this.meaning = meaning;
    }

    public String meaning() {
        return meaning;
    }
}
