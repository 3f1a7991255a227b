package io.ledgerflow.events.transfer;

import io.ledgerflow.events.MayBeNull;

import java.util.Map;

/** What the client asked for. Two requests with the same id must carry equal terms to be the same transfer. */
public record TransferTerms(TransferKind kind, String debitAccountId, String creditAccountId, long amount,
                            String currency, @MayBeNull String reference, Map<String, String> metadata) {

    public TransferTerms {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }
}
