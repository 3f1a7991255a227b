package io.ledgerflow.verifier.support;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** Turns a list of numbers (what jqwik generates and shrinks) into a ledger history: each number one operation. */
public final class HistoryScript {

    private static final List<String> USD = List.of("u-1", "u-2", "u-3");

    private HistoryScript() {
    }

    public static LedgerHistory run(List<Integer> steps) {
        LedgerHistory history = new LedgerHistory().open("u-1", "USD").open("u-2", "USD").open("u-3", "USD")
                .open("e-1", "EUR").deposit("start", "u-1", 1_000);
        Deque<String> pending = new ArrayDeque<>();
        int id = 0;
        for (int step : steps) {
            int operation = step % 7;
            int value = step / 7;
            String transferId = "g-" + id++;
            String debit = USD.get(value % 3);
            String credit = USD.get((value / 3 + 1 + value % 3) % 3);
            if (debit.equals(credit)) {
                credit = USD.get((value % 3 + 1) % 3);
            }
            long amount = 1 + value % 700;
            switch (operation) {
                case 0 -> history.deposit(transferId, value % 2 == 0 ? debit : "e-1", amount);
                case 1 -> history.transfer(transferId, debit, credit, amount);
                case 2 -> {
                    history.hold(transferId, debit, credit, amount);
                    pending.add(transferId);
                }
                case 3 -> {
                    if (!pending.isEmpty()) {
                        resolve(history, pending.poll(), value);
                    }
                }
                case 4 -> history.reject(transferId, debit, credit, amount);
                case 5 -> history.withdraw(transferId, value % 2 == 0 ? debit : "e-1", amount);
                default -> {
                    if (value % 2 == 0) {
                        history.gap();
                    } else {
                        history.freezeAndUnfreeze(debit);
                    }
                }
            }
        }
        return history;
    }

    private static void resolve(LedgerHistory history, String transferId, int value) {
        switch (value % 3) {
            case 0 -> history.postPending(transferId, 1 + value % history.pendingAmount(transferId));
            case 1 -> history.voidPending(transferId);
            default -> history.expirePending(transferId);
        }
    }
}
