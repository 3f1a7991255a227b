package io.ledgerflow.command.axon;

import java.util.ArrayList;
import java.util.List;

/** Locks for fixtures without a database: records the stream ids in the order they were locked. */
public class RecordingLocks implements LedgerLocks {

    public final List<String> taken = new ArrayList<>();

    @Override
    public void lock(String streamId) {
        taken.add(streamId);
    }
}
