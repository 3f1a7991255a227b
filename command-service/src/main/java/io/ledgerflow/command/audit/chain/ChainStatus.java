package io.ledgerflow.command.audit.chain;

/**
 * The chain's head and how far it trails the event store.
 *
 * @param position   the newest linked position (0 before the first event)
 * @param hash       its link ({@code GENESIS}, 64 zeros, before the first event)
 * @param lagEvents  events stored but not linked yet
 * @param lagSeconds seconds since the oldest of them was stored (0 when there is none)
 */
public record ChainStatus(long position, String hash, long lagEvents, double lagSeconds) {
}
