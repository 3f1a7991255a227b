package io.ledgerflow.localstack;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A fixed random sequence of transfer requests among hot accounts: new transfers between two distinct accounts, 3 %
 * of them more than all the money in the ledger, 30 % with a reference, 10 % with an {@code Idempotency-Key}; and,
 * one send in ten, a repeat of an id sent before with the same fields: half of them of one of the last three new
 * ids, so that they run beside their original on another client thread; a repeat of a keyed transfer carries the
 * key half of the time.
 */
final class TransferWorkload {

    static final String CURRENCY = "USD";
    static final String WORLD = "@world:" + CURRENCY;
    static final int ACCOUNTS = 10;
    /** hot-0 … hot-5 are alice's, hot-6 … hot-9 bob's: a client may only debit its own accounts. */
    private static final int ALICES = 6;
    private static final double REPEAT_SHARE = 0.10;
    private static final int MAX_AMOUNT = 20_000;
    /** More than all the money in the ledger: certainly INSUFFICIENT_FUNDS, whatever the interleaving. */
    private static final long UNCOVERABLE = 1_000_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private TransferWorkload() {
    }

    /** One request. A repeat carries its original's id and fields, with its original's key or none. */
    record Send(int index, String id, String debit, String credit, long amount, String reference, String idempotencyKey,
                boolean repeat) {

        String json() {
            ObjectNode body = JSON.createObjectNode().put("id", id).put("debitAccountId", debit)
                    .put("creditAccountId", credit).put("amount", amount).put("currency", CURRENCY);
            if (reference != null) {
                body.put("reference", reference);
            }
            return body.toString();
        }

        /** The client that owns the debit account, so may send it. */
        String sender() {
            return ownerOf(debit);
        }
    }

    /** @param minimumOriginals new transfers before the first repeat: enough to pick from */
    static List<Send> plan(Random random, int requests, int minimumOriginals) {
        List<Send> plan = new ArrayList<>(requests);
        List<Send> originals = new ArrayList<>();
        for (int index = 0; index < requests; index++) {
            if (originals.size() >= minimumOriginals && random.nextDouble() < REPEAT_SHARE) {
                int from = random.nextBoolean() ? originals.size() - 3 : 0;
                Send original = originals.get(from + random.nextInt(originals.size() - from));
                String key = original.idempotencyKey() != null && random.nextBoolean() ? original.idempotencyKey() : null;
                plan.add(new Send(index, original.id(), original.debit(), original.credit(), original.amount(),
                        original.reference(), key, true));
                continue;
            }
            int debit = random.nextInt(ACCOUNTS);
            int credit = (debit + 1 + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
            long amount = random.nextInt(100) < 3 ? UNCOVERABLE : 1 + random.nextInt(MAX_AMOUNT);
            String id = "ct-" + index;
            Send send = new Send(index, id, hotAccount(debit), hotAccount(credit), amount,
                    random.nextInt(10) < 3 ? "ref-" + index : null, random.nextInt(10) == 0 ? "key-" + id : null, false);
            plan.add(send);
            originals.add(send);
        }
        return plan;
    }

    static List<String> hotAccounts() {
        return IntStream.range(0, ACCOUNTS).mapToObj(TransferWorkload::hotAccount).toList();
    }

    static String ownerOf(String hotAccount) {
        return Integer.parseInt(hotAccount.substring("hot-".length())) < ALICES ? "alice" : "bob";
    }

    private static String hotAccount(int index) {
        return "hot-" + index;
    }
}
