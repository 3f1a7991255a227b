package io.ledgerflow.projectionbench;

import io.ledgerflow.query.messaging.LedgerRecord;
import io.ledgerflow.query.support.Projections;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.toList;

/**
 * Applies a poll as the query-service's consumers do on the local stack: one thread per partition, at the same time,
 * each its partition's records as one batch, so that the legs of a transfer are mostly applied by different threads
 * and the settle step races as it does there. Unlike the stack's consumers, these start each poll together and wait
 * for one another at its end.
 */
public final class PartitionConsumers implements AutoCloseable {

    private final ExecutorService threads;

    public PartitionConsumers(int partitions) {
        this.threads = Executors.newFixedThreadPool(partitions);
    }

    public void apply(Projections projections, List<LedgerRecord> poll) {
        Map<Integer, List<LedgerRecord>> byPartition = poll.stream()
                .collect(groupingBy(LedgerRecord::partition, TreeMap::new, toList()));
        List<Future<?>> applied = byPartition.values().stream()
                .<Future<?>>map(records -> threads.submit(() -> projections.applyRecords(records))).toList();
        for (Future<?> consumer : applied) {
            try {
                consumer.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("a consumer failed", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the consumers applied a poll", e);
            }
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
