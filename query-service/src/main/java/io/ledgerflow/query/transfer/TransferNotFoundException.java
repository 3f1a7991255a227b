package io.ledgerflow.query.transfer;

import io.ledgerflow.query.web.ResourceNotFoundException;

public class TransferNotFoundException extends ResourceNotFoundException {

    public TransferNotFoundException(String transferId) {
        super("TRANSFER_NOT_FOUND", "No transfer with id '" + transferId + "'");
    }
}
