package io.ledgerflow.projectionbench;

import io.ledgerflow.events.envelope.EventEnvelope;
import io.ledgerflow.query.messaging.LedgerRecord;
import io.ledgerflow.query.support.LedgerStream;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * The same stream of events every time: {@code accounts} accounts opened and funded alike, then transfers of 1 to 100
 * between two of them drawn from a seeded random, as the command-service writes them (three events each: the transfer,
 * the debit, the credit). Handed out as the topic's records, each aggregate's events on one of three partitions, in
 * order, with offsets, as a consumer's poll brings them.
 */
public final class TransferWorkload {

    public static final String TOPIC = "ledger-events";
    public static final String CURRENCY = "EUR";
    public static final long FUNDING = 1_000_000L;
    private static final int PARTITIONS = 3;

    private final LedgerStream stream = new LedgerStream();
    private final List<String> accounts;
    private final Random random;
    private final long[] nextOffset = new long[PARTITIONS];
    private int transfers;

    public TransferWorkload(int accountCount, long seed) {
        this.accounts = IntStream.range(0, accountCount).mapToObj(i -> "acct-" + i).toList();
        this.random = new Random(seed);
    }

    /** The accounts opened and funded: one batch. */
    public List<LedgerRecord> opening() {
        List<EventEnvelope> events = new ArrayList<>();
        for (String account : accounts) {
            events.add(stream.open(account, "owner-" + account, CURRENCY));
            events.addAll(stream.deposit("fund-" + account, account, FUNDING));
        }
        return records(events);
    }

    /** The next transfers, at least {@code events} events of them: one poll. */
    public List<LedgerRecord> next(int eventCount) {
        List<EventEnvelope> events = new ArrayList<>(eventCount + 2);
        while (events.size() < eventCount) {
            int debit = random.nextInt(accounts.size());
            int credit = (debit + 1 + random.nextInt(accounts.size() - 1)) % accounts.size();
            events.addAll(stream.transfer("t-" + ++transfers, accounts.get(debit), accounts.get(credit),
                    1 + random.nextInt(100)));
        }
        return records(events);
    }

    public List<String> accounts() {
        return accounts;
    }

    public int transfers() {
        return transfers;
    }

    private List<LedgerRecord> records(List<EventEnvelope> events) {
        List<LedgerRecord> records = new ArrayList<>(events.size());
        for (EventEnvelope envelope : events) {
            int partition = Math.floorMod(envelope.aggregateId().hashCode(), PARTITIONS);
            records.add(new LedgerRecord(TOPIC, partition, nextOffset[partition]++, envelope));
        }
        return records;
    }
}
