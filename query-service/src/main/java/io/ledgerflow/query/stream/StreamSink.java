package io.ledgerflow.query.stream;

import java.io.IOException;

/** Where a subscriber's text goes: the HTTP response, or a test's recorder. Used by one thread at a time. */
interface StreamSink {

    /** Writes and flushes; may block for as long as the client does not read. */
    void send(String text) throws IOException;

    /** Ends the response. */
    void complete();
}
