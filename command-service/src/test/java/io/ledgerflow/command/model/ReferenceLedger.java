package io.ledgerflow.command.model;

import io.ledgerflow.command.model.LedgerCommand.Act;
import io.ledgerflow.command.model.LedgerCommand.Batch;
import io.ledgerflow.command.model.LedgerCommand.Deposit;
import io.ledgerflow.command.model.LedgerCommand.Expire;
import io.ledgerflow.command.model.LedgerCommand.Item;
import io.ledgerflow.command.model.LedgerCommand.Move;
import io.ledgerflow.command.model.LedgerCommand.Open;
import io.ledgerflow.command.model.LedgerCommand.Post;
import io.ledgerflow.command.model.LedgerCommand.SetOverdraft;
import io.ledgerflow.command.model.LedgerCommand.Tick;
import io.ledgerflow.command.model.LedgerCommand.VoidPending;
import io.ledgerflow.command.model.LedgerCommand.Who;
import io.ledgerflow.command.model.LedgerCommand.Withdraw;
import io.ledgerflow.command.model.LedgerView.AccountView;
import io.ledgerflow.command.model.LedgerView.Balance;
import io.ledgerflow.command.model.LedgerView.TransferView;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The ledger of PRODUCT.md and docs/api.md written out again, deliberately plainly: maps of accounts and transfers,
 * balances in {@link BigInteger}, one method per command; the transfer rules in their documented order are {@link
 * ReferenceRules}, the operator actions {@link ReferenceAccountRules}. It uses no production code. Each command
 * answers a short outcome string, the vocabulary {@link Answers} translates the handlers' results into.
 */
final class ReferenceLedger {

    private final Map<String, ModelAccount> accounts = new TreeMap<>();
    private final Map<String, ModelTransfer> transfers = new TreeMap<>();
    private Instant now;

    ReferenceLedger(Instant start) {
        this.now = start;
    }

    String execute(LedgerCommand command) {
        if (command instanceof Open open) {
            return open(open);
        }
        if (command instanceof Deposit deposit) {
            return movement(deposit.transferId(), deposit.accountId(), deposit.amount(), deposit.reference(), true);
        }
        if (command instanceof Withdraw withdraw) {
            return movement(withdraw.transferId(), withdraw.accountId(), withdraw.amount(), withdraw.reference(), false);
        }
        if (command instanceof Move move) {
            ModelTerms terms = new ModelTerms("TRANSFER", move.debitAccountId(), move.creditAccountId(), move.amount(),
                    move.currency(), move.reference());
            return transfer(move.transferId(), move.actor(), terms, move.pending(), move.timeoutSeconds());
        }
        if (command instanceof Post post) {
            return resolve(post.transferId(), post.actor(), "POSTED", post.amount());
        }
        if (command instanceof VoidPending voiding) {
            return resolve(voiding.transferId(), voiding.actor(), "VOIDED", null);
        }
        if (command instanceof Expire expire) {
            ModelTransfer transfer = transfers.get(expire.transferId());
            if (transfer != null && transfer.status.equals("PENDING") && !due(transfer)) {
                return "SKIPPED";
            }
            return resolve(expire.transferId(), null, "EXPIRED", null);
        }
        if (command instanceof Tick tick) {
            return tick(tick);
        }
        if (command instanceof Act act) {
            ModelAccount account = accounts.get(act.accountId());
            return account == null || account.system ? "NOT_FOUND" : ReferenceAccountRules.act(act.action(), account);
        }
        if (command instanceof SetOverdraft limit) {
            ModelAccount account = accounts.get(limit.accountId());
            return account == null || account.system ? "NOT_FOUND"
                    : ReferenceAccountRules.setOverdraft(limit.overdraftLimit(), account);
        }
        if (command instanceof Batch batch) {
            return batch(batch);
        }
        throw new IllegalArgumentException("not a concrete command: " + command);
    }

    private String open(Open open) {
        ModelAccount existing = accounts.get(open.accountId());
        if (existing == null) {
            accounts.put(open.accountId(), new ModelAccount(open.accountId(), open.ownerId(), open.currency(), false,
                    open.overdraftLimit()));
            return "OPENED";
        }
        TreeSet<String> differing = new TreeSet<>();
        if (existing.system || !existing.owner.equals(open.ownerId())) {
            differing.add("ownerId");
        }
        if (!existing.currency.equals(open.currency())) {
            differing.add("currency");
        }
        if (existing.openingOverdraft != open.overdraftLimit()) {
            differing.add("overdraftLimit");
        }
        return differing.isEmpty() ? "ACCOUNT_ALREADY_OPENED" : "ACCOUNT_ID_CONFLICT" + differing;
    }

    /** A deposit or withdrawal: a transfer against the settlement account of the account's currency. */
    private String movement(String id, String accountId, long amount, String reference, boolean deposit) {
        ModelAccount account = accounts.get(accountId);
        if (account == null || account.system) {
            return "ACCOUNT_MISSING";
        }
        String world = "@world:" + account.currency;
        ModelTerms terms = deposit
                ? new ModelTerms("DEPOSIT", world, accountId, amount, account.currency, reference)
                : new ModelTerms("WITHDRAWAL", accountId, world, amount, account.currency, reference);
        if (!transfers.containsKey(id)) {
            accounts.computeIfAbsent(world, w -> new ModelAccount(w, "system", terms.currency(), true, 0));
        }
        return transfer(id, Who.OPS, terms, false, null);
    }

    private String transfer(String id, Who actor, ModelTerms terms, boolean pending, Long timeout) {
        ModelTransfer existing = transfers.get(id);
        if (existing != null) {
            return ReferenceRules.repeat(actor, existing, terms, pending, timeout);
        }
        ModelTransfer created = new ModelTransfer(id, terms, pending, timeout, actor.subject, now);
        String rejection = ReferenceRules.rejection(actor, terms, pending, accounts);
        // a debit it cannot afford, or a movement that would overflow beside due holds, first expires those holds,
        // whose reservations are void already
        for (List<String> due = dueHoldsBefore(rejection, terms.debit(), terms.credit()); !due.isEmpty();
             due = dueHoldsBefore(rejection, terms.debit(), terms.credit())) {
            due.forEach(dueId -> resolve(dueId, null, "EXPIRED", null));
            rejection = ReferenceRules.rejection(actor, terms, pending, accounts);
        }
        transfers.put(id, created);
        created.resolvedAt = now;
        if (rejection != null) {
            created.status = "REJECTED";
            created.rejection = rejection;
            return "REJECTED:" + rejection;
        }
        if (pending) {
            hold(accounts, terms);
            created.status = "PENDING";
            created.resolvedAt = null;
            return "CREATED:PENDING";
        }
        post(accounts, terms);
        created.status = "POSTED";
        created.postedAmount = terms.amount();
        return "CREATED:POSTED";
    }

    private static void hold(Map<String, ModelAccount> ledger, ModelTerms terms) {
        ModelAccount debit = ledger.get(terms.debit());
        ModelAccount credit = ledger.get(terms.credit());
        BigInteger amount = BigInteger.valueOf(terms.amount());
        debit.pendingDebits = debit.pendingDebits.add(amount);
        credit.pendingCredits = credit.pendingCredits.add(amount);
        debit.version++;
        credit.version++;
    }

    private static void post(Map<String, ModelAccount> ledger, ModelTerms terms) {
        ModelAccount debit = ledger.get(terms.debit());
        ModelAccount credit = ledger.get(terms.credit());
        BigInteger amount = BigInteger.valueOf(terms.amount());
        debit.posted = debit.posted.subtract(amount);
        credit.posted = credit.posted.add(amount);
        debit.version++;
        credit.version++;
    }

    /**
     * Its creator; for a void also the credit account's owner, unless it owns the debit account too. Not the
     * debit account's owner as such (an operator's hold on it is the operator's). A rejected transfer is its
     * creator's alone.
     */
    private static boolean mayResolve(ModelTransfer transfer, Who actor, ModelAccount debit, ModelAccount credit,
                                      String to) {
        boolean creator = transfer.createdBy.equals(actor.subject);
        if ("REJECTED".equals(transfer.status)) {
            return creator;
        }
        boolean declines = credit != null && credit.owner.equals(actor.subject)
                && !(debit != null && debit.owner.equals(actor.subject));
        return creator || ("VOIDED".equals(to) && declines);
    }

    /** Post, void ({@code actor} given) or expire ({@code actor} null) a pending transfer, at most once. */
    private String resolve(String id, Who actor, String to, Long postAmount) {
        ModelTransfer transfer = transfers.get(id);
        if (transfer == null) {
            return "NOT_FOUND";
        }
        ModelAccount debit = accounts.get(transfer.terms.debit());
        ModelAccount credit = accounts.get(transfer.terms.credit());
        if (actor != null && !actor.operator && !mayResolve(transfer, actor, debit, credit, to)) {
            return "NOT_FOUND";
        }
        switch (transfer.status) {
            case "POSTED":
                return transfer.pending ? "REFUSED:TRANSFER_ALREADY_POSTED" : "REFUSED:TRANSFER_NOT_PENDING";
            case "REJECTED":
                return "REFUSED:TRANSFER_NOT_PENDING";
            case "VOIDED":
                return "REFUSED:TRANSFER_ALREADY_VOIDED";
            case "EXPIRED":
                return "REFUSED:TRANSFER_EXPIRED";
            default:
                break;
        }
        if (actor != null && due(transfer)) {
            return "REFUSED:TRANSFER_EXPIRED";
        }
        long held = transfer.terms.amount();
        if (postAmount != null && postAmount > held) {
            return "REFUSED:POST_AMOUNT_EXCEEDS_PENDING";
        }
        if (to.equals("POSTED") && debit.status.equals("FROZEN")) {
            return "REFUSED:ACCOUNT_FROZEN";
        }
        BigInteger reserved = BigInteger.valueOf(held);
        debit.pendingDebits = debit.pendingDebits.subtract(reserved);
        credit.pendingCredits = credit.pendingCredits.subtract(reserved);
        if (to.equals("POSTED")) {
            long amount = postAmount == null ? held : postAmount;
            debit.posted = debit.posted.subtract(BigInteger.valueOf(amount));
            credit.posted = credit.posted.add(BigInteger.valueOf(amount));
            transfer.postedAmount = amount;
        }
        debit.version++;
        credit.version++;
        transfer.status = to;
        transfer.resolvedAt = now;
        return "RESOLVED:" + to;
    }

    private boolean due(ModelTransfer transfer) {
        return transfer.deadline() != null && !now.isBefore(transfer.deadline());
    }

    /** What {@code PendingExpiries.dueBeforeRefusing} finds for this rejection (none: it stands). */
    private List<String> dueHoldsBefore(String rejection, String debitAccountId, String creditAccountId) {
        if ("INSUFFICIENT_FUNDS".equals(rejection)) {
            return dueHolds(t -> t.terms.debit().equals(debitAccountId));
        }
        if ("AMOUNT_OVERFLOW".equals(rejection)) {
            return dueHolds(t -> t.terms.debit().equals(debitAccountId) || t.terms.credit().equals(creditAccountId));
        }
        return List.of();
    }

    /** The due holds among these, oldest first, 100 at most, as {@code PendingExpiries} reads them. */
    private List<String> dueHolds(Predicate<ModelTransfer> reserving) {
        return transfers.values().stream()
                .filter(t -> t.status.equals("PENDING") && due(t) && reserving.test(t))
                .sorted(Comparator.comparing(ModelTransfer::deadline).thenComparing(t -> t.id))
                .limit(100).map(t -> t.id).toList();
    }

    private String tick(Tick tick) {
        now = now.plusSeconds(tick.seconds());
        if (!tick.runJob()) {
            return "TICK";
        }
        List<String> expired = new ArrayList<>();
        transfers.values().stream().filter(t -> t.status.equals("PENDING") && due(t))
                .sorted(Comparator.comparing(ModelTransfer::deadline).thenComparing(t -> t.id))
                .map(t -> t.id).toList()
                .forEach(id -> expired.add(id + "=" + resolve(id, null, "EXPIRED", null)));
        return "JOB" + expired;
    }

    /**
     * Every item against the balances the items before it left, applied all or none; a refusal records nothing. An
     * item refused for want of funds or for an overflow while due holds reserve on its accounts first expires them
     * (each for good, whatever the batch's answer then), and the whole batch is decided again.
     */
    private String batch(Batch batch) {
        String answer = batchOnce(batch);
        for (List<String> due = dueHoldsOfRefusedItem(batch, answer); !due.isEmpty();
             due = dueHoldsOfRefusedItem(batch, answer)) {
            due.forEach(dueId -> resolve(dueId, null, "EXPIRED", null));
            answer = batchOnce(batch);
        }
        return answer;
    }

    private List<String> dueHoldsOfRefusedItem(Batch batch, String answer) {
        String[] parts = answer.split(":");
        if (!answer.startsWith("BATCH_ITEM_REJECTED:")) {
            return List.of();
        }
        Item item = batch.items().get(Integer.parseInt(parts[1]));
        return transfers.containsKey(item.transferId()) ? List.of()
                : dueHoldsBefore(parts[2], item.debitAccountId(), item.creditAccountId());
    }

    private String batchOnce(Batch batch) {
        Map<String, ModelAccount> staged = new TreeMap<>();
        accounts.forEach((id, account) -> staged.put(id, account.copy()));
        List<ModelTransfer> created = new ArrayList<>();
        for (int index = 0; index < batch.items().size(); index++) {
            Item item = batch.items().get(index);
            ModelTerms terms = new ModelTerms("TRANSFER", item.debitAccountId(), item.creditAccountId(), item.amount(),
                    item.currency(), item.reference());
            ModelTransfer existing = transfers.get(item.transferId());
            if (existing != null) {
                String repeat = ReferenceRules.repeat(batch.actor(), existing, terms, item.pending(),
                        item.timeoutSeconds());
                if (repeat.startsWith("REJECTED_AGAIN:")) {
                    return "BATCH_ITEM_REJECTED:" + index + ":" + existing.rejection;
                }
                // an accepted transfer, whatever became of a hold since, counts as already applied
                if (!repeat.startsWith("REPEAT:")) {
                    return "BATCH_ITEM_REFUSED:" + index + ":" + repeat;
                }
                continue;
            }
            String rejection = ReferenceRules.rejection(batch.actor(), terms, item.pending(), staged);
            if (rejection != null) {
                return "BATCH_ITEM_REJECTED:" + index + ":" + rejection;
            }
            ModelTransfer transfer = new ModelTransfer(item.transferId(), terms, item.pending(), item.timeoutSeconds(),
                    batch.actor().subject, now);
            if (item.pending()) {
                hold(staged, terms);
                transfer.status = "PENDING";
            } else {
                post(staged, terms);
                transfer.status = "POSTED";
                transfer.postedAmount = item.amount();
                transfer.resolvedAt = now;
            }
            created.add(transfer);
        }
        accounts.clear();
        accounts.putAll(staged);
        created.forEach(t -> transfers.put(t.id, t));
        return "BATCH_APPLIED:" + (created.isEmpty() ? "REPEAT" : "CREATED");
    }

    LedgerView view() {
        Map<String, AccountView> customers = new TreeMap<>();
        Map<String, Balance> settlements = new TreeMap<>();
        accounts.values().forEach(a -> {
            Balance balance = new Balance(a.posted, a.pendingDebits, a.pendingCredits);
            if (a.system) {
                settlements.put(a.id, balance);
            } else {
                customers.put(a.id, new AccountView(a.id, a.owner, a.currency, a.status, a.overdraft, balance,
                        a.version));
            }
        });
        Map<String, TransferView> views = new TreeMap<>();
        Map<String, Instant> expiries = new TreeMap<>();
        transfers.values().forEach(t -> {
            ModelTerms terms = t.terms;
            views.put(t.id, new TransferView(t.id, terms.kind(), terms.debit(), terms.credit(), terms.amount(),
                    terms.currency(), terms.reference(), t.pending, t.timeout, t.createdBy, t.status, t.rejection,
                    t.postedAmount, t.createdAt, t.resolvedAt));
            if (t.status.equals("PENDING") && t.deadline() != null) {
                expiries.put(t.id, t.deadline());
            }
        });
        return new LedgerView(customers, settlements, views, expiries);
    }
}
