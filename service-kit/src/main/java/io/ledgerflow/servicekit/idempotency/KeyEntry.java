package io.ledgerflow.servicekit.idempotency;

/** A live key as another request left it: the request it was used for and, once finished, its answer. */
public record KeyEntry(byte[] requestHash, StoredResponse response) {

    public boolean finished() {
        return response != null;
    }
}
