package io.ledgerflow.command.transfer.batch;

import io.ledgerflow.command.security.Actor;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Transfers applied all or none, in order, in one unit of work. Ids are distinct (the web layer names a repeat). */
public record TransferBatch(List<BatchItem> items, Actor actor) {

    public TransferBatch {
        items = List.copyOf(items);
        if (items.isEmpty()) {
            throw new IllegalArgumentException("a batch has at least one transfer");
        }
        Set<String> ids = new HashSet<>();
        for (BatchItem item : items) {
            if (!ids.add(item.transferId())) {
                throw new IllegalArgumentException("transfer id " + item.transferId() + " appears twice in the batch");
            }
        }
    }
}
