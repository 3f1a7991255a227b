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
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

import static java.math.BigInteger.ZERO;

/**
 * The ledger of PRODUCT.md and docs/api.md written out again, deliberately plainly: maps of accounts and transfers,
 * balances in {@link BigInteger}, one method per command, the rejection order of docs/api.md. It uses no production
 * code. Each command answers a short outcome string, the same vocabulary {@link AxonLedger} translates its results
 * into.
 */
final class ReferenceLedger {

    static final BigInteger MAX = BigInteger.TWO.pow(53).subtract(BigInteger.ONE);

    private static final class Acc {
        final String id;
        final String owner;
        final String currency;
        final boolean system;
        String status = "OPEN";
        long overdraft;
        BigInteger posted = ZERO;
        BigInteger pendingDebits = ZERO;
        BigInteger pendingCredits = ZERO;
        long version = 1;

        Acc(String id, String owner, String currency, boolean system, long overdraft) {
            this.id = id;
            this.owner = owner;
            this.currency = currency;
            this.system = system;
            this.overdraft = overdraft;
        }

        Acc copy() {
            Acc copy = new Acc(id, owner, currency, system, overdraft);
            copy.status = status;
            copy.posted = posted;
            copy.pendingDebits = pendingDebits;
            copy.pendingCredits = pendingCredits;
            copy.version = version;
            return copy;
        }

        BigInteger available() {
            return posted.subtract(pendingDebits).add(BigInteger.valueOf(overdraft));
        }
    }

    /** What a transfer request asks for: equal terms (and pending, timeout) make a repeat. */
    record Terms(String kind, String debit, String credit, long amount, String currency, String reference) {
    }

    private static final class Xfer {
        final String id;
        final Terms terms;
        final boolean pending;
        final Long timeout;
        final String createdBy;
        final Instant createdAt;
        String status;
        String rejection;
        long postedAmount;
        Instant resolvedAt;

        Xfer(String id, Terms terms, boolean pending, Long timeout, String createdBy, Instant createdAt) {
            this.id = id;
            this.terms = terms;
            this.pending = pending;
            this.timeout = timeout;
            this.createdBy = createdBy;
            this.createdAt = createdAt;
        }

        Instant deadline() {
            return timeout == null ? null : createdAt.plusSeconds(timeout);
        }
    }

    private final Map<String, Acc> accounts = new TreeMap<>();
    private final Map<String, Xfer> transfers = new TreeMap<>();
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
            Terms terms = new Terms("TRANSFER", move.debitAccountId(), move.creditAccountId(), move.amount(),
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
            Xfer transfer = transfers.get(expire.transferId());
            if (transfer != null && transfer.status.equals("PENDING") && !due(transfer)) {
                return "SKIPPED";
            }
            return resolve(expire.transferId(), null, "EXPIRED", null);
        }
        if (command instanceof Tick tick) {
            return tick(tick);
        }
        if (command instanceof Act act) {
            return act(act);
        }
        if (command instanceof SetOverdraft limit) {
            return setOverdraft(limit);
        }
        if (command instanceof Batch batch) {
            return batch(batch);
        }
        throw new IllegalArgumentException("not a concrete command: " + command);
    }

    private String open(Open open) {
        Acc existing = accounts.get(open.accountId());
        if (existing == null) {
            accounts.put(open.accountId(), new Acc(open.accountId(), open.ownerId(), open.currency(), false,
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
        if (existing.overdraft != open.overdraftLimit()) {
            differing.add("overdraftLimit");
        }
        return differing.isEmpty() ? "ACCOUNT_ALREADY_OPENED" : "ACCOUNT_ID_CONFLICT" + differing;
    }

    /** A deposit or withdrawal: a transfer against the settlement account of the account's currency. */
    private String movement(String id, String accountId, long amount, String reference, boolean deposit) {
        Acc account = accounts.get(accountId);
        if (account == null || account.system) {
            return "ACCOUNT_MISSING";
        }
        String world = "@world:" + account.currency;
        Terms terms = deposit
                ? new Terms("DEPOSIT", world, accountId, amount, account.currency, reference)
                : new Terms("WITHDRAWAL", accountId, world, amount, account.currency, reference);
        if (!transfers.containsKey(id)) {
            accounts.computeIfAbsent(world, w -> new Acc(w, "system", terms.currency(), true, 0));
        }
        return transfer(id, Who.OPS, terms, false, null);
    }

    private String transfer(String id, Who actor, Terms terms, boolean pending, Long timeout) {
        Xfer existing = transfers.get(id);
        if (existing != null) {
            return repeat(actor, existing, terms, pending, timeout);
        }
        Xfer created = new Xfer(id, terms, pending, timeout, actor.subject, now);
        String rejection = rejection(actor, terms, pending, accounts);
        transfers.put(id, created);
        created.resolvedAt = now;
        if (rejection != null) {
            created.status = "REJECTED";
            created.rejection = rejection;
            return "REJECTED:" + rejection;
        }
        if (pending) {
            Acc debit = accounts.get(terms.debit());
            Acc credit = accounts.get(terms.credit());
            BigInteger amount = BigInteger.valueOf(terms.amount());
            debit.pendingDebits = debit.pendingDebits.add(amount);
            credit.pendingCredits = credit.pendingCredits.add(amount);
            debit.version++;
            credit.version++;
            created.status = "PENDING";
            created.resolvedAt = null;
            return "CREATED:PENDING";
        }
        post(accounts, terms);
        created.status = "POSTED";
        created.postedAmount = terms.amount();
        return "CREATED:POSTED";
    }

    private static void post(Map<String, Acc> ledger, Terms terms) {
        Acc debit = ledger.get(terms.debit());
        Acc credit = ledger.get(terms.credit());
        BigInteger amount = BigInteger.valueOf(terms.amount());
        debit.posted = debit.posted.subtract(amount);
        credit.posted = credit.posted.add(amount);
        debit.version++;
        credit.version++;
    }

    /** The first rule a new transfer breaks, in docs/api.md's order; null when it may be applied. */
    private static String rejection(Who actor, Terms terms, boolean pending, Map<String, Acc> ledger) {
        BigInteger amount = BigInteger.valueOf(terms.amount());
        if (amount.signum() <= 0 || amount.compareTo(MAX) > 0) {
            return "INVALID_AMOUNT";
        }
        if (terms.debit().equals(terms.credit())) {
            return "SAME_ACCOUNT";
        }
        Acc debit = ledger.get(terms.debit());
        Acc credit = ledger.get(terms.credit());
        if (debit == null || !(actor.operator || debit.owner.equals(actor.subject))) {
            return "ACCOUNT_NOT_FOUND";
        }
        if (credit == null) {
            return "ACCOUNT_NOT_FOUND";
        }
        if (!debit.currency.equals(terms.currency()) || !credit.currency.equals(terms.currency())) {
            return "CURRENCY_MISMATCH";
        }
        if (debit.status.equals("CLOSED")) {
            return "ACCOUNT_CLOSED";
        }
        if (debit.status.equals("FROZEN")) {
            return "ACCOUNT_FROZEN";
        }
        if (outOfBounds(debit.posted.subtract(amount))) {
            return "AMOUNT_OVERFLOW";
        }
        if (!debit.system && amount.compareTo(debit.available()) > 0) {
            return "INSUFFICIENT_FUNDS";
        }
        if (credit.status.equals("CLOSED")) {
            return "ACCOUNT_CLOSED";
        }
        // a credit leaves room for the holds the account was already granted
        if (outOfBounds(credit.posted.add(credit.pendingCredits).add(amount))) {
            return "AMOUNT_OVERFLOW";
        }
        // a hold must fit beside the other pending amounts: posting every hold stays within bounds
        if (pending && (outOfBounds(debit.pendingDebits.add(amount))
                || outOfBounds(debit.posted.subtract(debit.pendingDebits).subtract(amount))
                || outOfBounds(credit.pendingCredits.add(amount))
                || outOfBounds(credit.posted.add(credit.pendingCredits).add(amount)))) {
            return "AMOUNT_OVERFLOW";
        }
        return null;
    }

    private static boolean outOfBounds(BigInteger balance) {
        return balance.abs().compareTo(MAX) > 0;
    }

    /** A known id: the stored result, the same rejection, or the fields that differ; only for its creator. */
    private static String repeat(Who actor, Xfer existing, Terms terms, boolean pending, Long timeout) {
        if (!actor.operator && !existing.createdBy.equals(actor.subject)) {
            return "ID_TAKEN";
        }
        TreeSet<String> differing = new TreeSet<>();
        Terms had = existing.terms;
        differ(differing, "kind", had.kind(), terms.kind());
        differ(differing, "debitAccountId", had.debit(), terms.debit());
        differ(differing, "creditAccountId", had.credit(), terms.credit());
        differ(differing, "amount", had.amount(), terms.amount());
        differ(differing, "currency", had.currency(), terms.currency());
        differ(differing, "reference", had.reference(), terms.reference());
        differ(differing, "pending", existing.pending, pending);
        differ(differing, "timeoutSeconds", existing.timeout, timeout);
        boolean rejected = existing.status.equals("REJECTED");
        if (!differing.isEmpty()) {
            return rejected ? "ID_ALREADY_FAILED" + differing + ":" + existing.rejection : "ID_CONFLICT" + differing;
        }
        return rejected ? "REJECTED_AGAIN:" + existing.rejection : "REPEAT:" + existing.status;
    }

    private static void differ(TreeSet<String> differing, String field, Object had, Object asked) {
        if (!Objects.equals(had, asked)) {
            differing.add(field);
        }
    }

    /** Post, void ({@code actor} given) or expire ({@code actor} null) a pending transfer, at most once. */
    private String resolve(String id, Who actor, String to, Long postAmount) {
        Xfer transfer = transfers.get(id);
        if (transfer == null) {
            return "NOT_FOUND";
        }
        Acc debit = accounts.get(transfer.terms.debit());
        Acc credit = accounts.get(transfer.terms.credit());
        if (actor != null && !actor.operator && !transfer.createdBy.equals(actor.subject)
                && (debit == null || !debit.owner.equals(actor.subject))) {
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

    private boolean due(Xfer transfer) {
        return transfer.deadline() != null && !now.isBefore(transfer.deadline());
    }

    private String tick(Tick tick) {
        now = now.plusSeconds(tick.seconds());
        if (!tick.runJob()) {
            return "TICK";
        }
        List<String> expired = new ArrayList<>();
        transfers.values().stream().filter(t -> t.status.equals("PENDING") && due(t))
                .sorted(Comparator.comparing(Xfer::deadline).thenComparing(t -> t.id))
                .map(t -> t.id).toList()
                .forEach(id -> expired.add(id + "=" + resolve(id, null, "EXPIRED", null)));
        return "JOB" + expired;
    }

    private String act(Act act) {
        Acc account = accounts.get(act.accountId());
        if (account == null || account.system) {
            return "NOT_FOUND";
        }
        String status = account.status;
        String target = switch (act.action()) {
            case FREEZE -> "FROZEN";
            case UNFREEZE, REOPEN -> "OPEN";
            case CLOSE -> "CLOSED";
        };
        if (status.equals(target)) {
            return "UNCHANGED";
        }
        switch (act.action()) {
            case FREEZE, UNFREEZE -> {
                if (status.equals("CLOSED")) {
                    return "REFUSED:ACCOUNT_CLOSED";
                }
            }
            case CLOSE -> {
                if (account.posted.signum() != 0 || account.pendingDebits.signum() != 0
                        || account.pendingCredits.signum() != 0) {
                    return "REFUSED:ACCOUNT_NOT_EMPTY";
                }
            }
            case REOPEN -> {
                if (status.equals("FROZEN")) {
                    return "REFUSED:ACCOUNT_FROZEN";
                }
            }
        }
        account.status = target;
        account.version++;
        return "CHANGED";
    }

    private String setOverdraft(SetOverdraft command) {
        Acc account = accounts.get(command.accountId());
        if (account == null || account.system) {
            return "NOT_FOUND";
        }
        if (account.status.equals("CLOSED")) {
            return "REFUSED:ACCOUNT_CLOSED";
        }
        if (account.overdraft == command.overdraftLimit()) {
            return "UNCHANGED";
        }
        BigInteger used = account.pendingDebits.subtract(account.posted);
        if (BigInteger.valueOf(command.overdraftLimit()).compareTo(used) < 0) {
            return "REFUSED:INSUFFICIENT_FUNDS";
        }
        account.overdraft = command.overdraftLimit();
        account.version++;
        return "CHANGED";
    }

    /** Every item against the balances the items before it left, applied all or none; a refusal records nothing. */
    private String batch(Batch batch) {
        Map<String, Acc> staged = new TreeMap<>();
        accounts.forEach((id, account) -> staged.put(id, account.copy()));
        List<Xfer> created = new ArrayList<>();
        for (int index = 0; index < batch.items().size(); index++) {
            Item item = batch.items().get(index);
            Terms terms = new Terms("TRANSFER", item.debitAccountId(), item.creditAccountId(), item.amount(),
                    item.currency(), item.reference());
            Xfer existing = transfers.get(item.transferId());
            if (existing != null) {
                String repeat = repeat(batch.actor(), existing, terms, false, null);
                if (repeat.startsWith("REJECTED_AGAIN:")) {
                    return "BATCH_ITEM_REJECTED:" + index + ":" + existing.rejection;
                }
                if (!repeat.equals("REPEAT:POSTED")) {
                    return "BATCH_ITEM_REFUSED:" + index + ":" + repeat;
                }
                continue;
            }
            String rejection = rejection(batch.actor(), terms, false, staged);
            if (rejection != null) {
                return "BATCH_ITEM_REJECTED:" + index + ":" + rejection;
            }
            post(staged, terms);
            Xfer transfer = new Xfer(item.transferId(), terms, false, null, batch.actor().subject, now);
            transfer.status = "POSTED";
            transfer.postedAmount = item.amount();
            transfer.resolvedAt = now;
            created.add(transfer);
        }
        accounts.clear();
        accounts.putAll(staged);
        created.forEach(t -> transfers.put(t.id, t));
        return "BATCH_APPLIED:" + (created.isEmpty() ? "REPEAT" : "CREATED");
    }

    Instant now() {
        return now;
    }

    /** Whether the id names a pending transfer whose timeout has not passed (the expiry job leaves it alone). */
    boolean pendingNotDue(String transferId) {
        Xfer transfer = transfers.get(transferId);
        return transfer != null && transfer.status.equals("PENDING") && !due(transfer);
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
            Terms terms = t.terms;
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
