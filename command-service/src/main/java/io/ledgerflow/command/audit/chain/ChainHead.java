package io.ledgerflow.command.audit.chain;

import io.ledgerflow.events.audit.HashChain;

/** The newest link of the chain: every stored event up to {@code position} is linked. */
public record ChainHead(long position, String hash) {

    public static final ChainHead EMPTY = new ChainHead(0, HashChain.GENESIS);
}
