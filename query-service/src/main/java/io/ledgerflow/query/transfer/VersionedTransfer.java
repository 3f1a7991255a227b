package io.ledgerflow.query.transfer;

/**
 * A transfer and the version of its document (its last applied aggregate sequence + 1), which is not part of the
 * transfer's representation but names it in the {@code ETag}.
 */
public record VersionedTransfer(TransferView transfer, long version) {
}
