package io.ledgerflow.events.transfer;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ledgerflow.events.MayBeNull;
import io.ledgerflow.events.Revision;

/**
 * A ledger rule refused the transfer. The id stays rejected: a retry gets the same answer.
 * <p>
 * {@code pending} and {@code timeoutSeconds} are what the request asked for, compared like the terms when the id is
 * used again. They appear in the JSON only for a refused hold, so a single-phase rejection reads as before, and an
 * event recorded before they existed reads as single-phase.
 *
 * @param pending        whether a two-phase transfer (a hold) was asked for
 * @param timeoutSeconds the hold's timeout as asked, or null
 */
@Revision("1")
public record TransferRejected(String transferId, TransferTerms terms, String rejectionCode, @MayBeNull String detail,
                               @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean pending,
                               @MayBeNull @JsonInclude(JsonInclude.Include.NON_NULL) Long timeoutSeconds)
        implements TransferEvent {

    /** A single-phase transfer's rejection. */
    public TransferRejected(String transferId, TransferTerms terms, String rejectionCode, String detail) {
        this(transferId, terms, rejectionCode, detail, false, null);
    }

    @Override
    public <R> R accept(TransferEvent.Visitor<R> visitor) {
        return visitor.rejected(this);
    }
}
