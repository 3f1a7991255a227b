package io.ledgerflow.command.idempotency;

/** A live key as another request left it: the request it was used for and, once finished, its answer. */
record KeyEntry(byte[] requestHash, StoredResponse response) {

    boolean finished() {
        return response != null;
    }
}
