package io.ledgerflow.command.model;

import io.ledgerflow.command.model.LedgerCommand.Batch;
import io.ledgerflow.command.model.LedgerCommand.Change;
import io.ledgerflow.command.model.LedgerCommand.Deposit;
import io.ledgerflow.command.model.LedgerCommand.Expire;
import io.ledgerflow.command.model.LedgerCommand.Item;
import io.ledgerflow.command.model.LedgerCommand.Move;
import io.ledgerflow.command.model.LedgerCommand.Post;
import io.ledgerflow.command.model.LedgerCommand.Retry;
import io.ledgerflow.command.model.LedgerCommand.Tick;
import io.ledgerflow.command.model.LedgerCommand.TickTo;
import io.ledgerflow.command.model.LedgerCommand.VoidPending;
import io.ledgerflow.command.model.LedgerCommand.Withdraw;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes generated commands concrete, from the transfer-like commands of the run so far and their answers: {@code ^k}
 * and {@code ~k} ids become real ids, a {@link Retry} becomes the earlier command it repeats (changed or not), a
 * {@link TickTo} the tick that lands exactly on a hold's deadline. Both sides of the comparison then get the same
 * concrete command.
 */
final class ConcreteCommands {

    private final List<String> recentIds = new ArrayList<>();
    private final List<String> recentHolds = new ArrayList<>();
    private final List<LedgerCommand> sent = new ArrayList<>();
    private final Map<String, Long> deadlines = new HashMap<>();
    private long elapsed;

    /** @return the command to send, or null when there is nothing to retry yet */
    LedgerCommand concrete(LedgerCommand generated) {
        LedgerCommand command = generated instanceof Retry retry ? retry(retry) : resolveIds(generated);
        if (command instanceof Deposit || command instanceof Withdraw || command instanceof Move
                || command instanceof Batch) {
            sent.add(command);
        }
        if (command instanceof Deposit deposit) {
            used(deposit.transferId());
        } else if (command instanceof Withdraw withdraw) {
            used(withdraw.transferId());
        } else if (command instanceof Move move) {
            used(move.transferId());
        } else if (command instanceof Batch batch) {
            batch.items().forEach(item -> used(item.transferId()));
        }
        return command;
    }

    /** What the command was answered: a hold that was granted becomes a target of {@code ^k}. */
    void answered(LedgerCommand command, String answer) {
        if (command instanceof Move move && move.pending() && answer.equals("CREATED:PENDING")) {
            recentHolds.remove(move.transferId());
            recentHolds.add(0, move.transferId());
            if (move.timeoutSeconds() != null) {
                deadlines.put(move.transferId(), elapsed + move.timeoutSeconds());
            }
        }
        if (command instanceof Tick tick) {
            elapsed += tick.seconds();
        }
    }

    private void used(String id) {
        recentIds.remove(id);
        recentIds.add(0, id);
    }

    /** {@code ^k}: the k-th most recently granted hold (else id); {@code ~k}: the k-th most recent id of any kind. */
    private String id(String generated) {
        if (!generated.startsWith("^") && !generated.startsWith("~")) {
            return generated;
        }
        List<String> ids = generated.startsWith("^") && !recentHolds.isEmpty() ? recentHolds : recentIds;
        if (ids.isEmpty()) {
            return "t-none";
        }
        return ids.get(Integer.parseInt(generated.substring(1)) % ids.size());
    }

    private LedgerCommand resolveIds(LedgerCommand command) {
        if (command instanceof Post post) {
            return new Post(id(post.transferId()), post.actor(), post.amount());
        }
        if (command instanceof VoidPending voiding) {
            return new VoidPending(id(voiding.transferId()), voiding.actor());
        }
        if (command instanceof Expire expire) {
            return new Expire(id(expire.transferId()));
        }
        if (command instanceof TickTo tickTo) {
            Long deadline = deadlines.get(id(tickTo.transferId()));
            return new Tick(deadline == null ? 0 : Math.max(0, deadline - elapsed), tickTo.runJob());
        }
        return command;
    }

    private LedgerCommand retry(Retry retry) {
        if (sent.isEmpty()) {
            return null;
        }
        LedgerCommand earlier = sent.get(retry.pick() % sent.size());
        Change change = retry.change();
        if (earlier instanceof Deposit d) {
            return switch (change) {
                case SAME, PENDING -> d;
                case AMOUNT -> new Deposit(d.transferId(), d.accountId(), d.amount() + 1, d.reference());
                case REFERENCE -> new Deposit(d.transferId(), d.accountId(), d.amount(), "changed");
                case OTHER -> new Withdraw(d.transferId(), d.accountId(), d.amount(), d.reference());
            };
        }
        if (earlier instanceof Withdraw w) {
            return switch (change) {
                case SAME, PENDING -> w;
                case AMOUNT -> new Withdraw(w.transferId(), w.accountId(), w.amount() + 1, w.reference());
                case REFERENCE -> new Withdraw(w.transferId(), w.accountId(), w.amount(), "changed");
                case OTHER -> new Deposit(w.transferId(), w.accountId(), w.amount(), w.reference());
            };
        }
        if (earlier instanceof Move m) {
            return switch (change) {
                case SAME -> m;
                case AMOUNT -> new Move(m.transferId(), m.actor(), m.debitAccountId(), m.creditAccountId(),
                        m.amount() + 1, m.currency(), m.reference(), m.pending(), m.timeoutSeconds());
                case REFERENCE -> new Move(m.transferId(), m.actor(), m.debitAccountId(), m.creditAccountId(),
                        m.amount(), m.currency(), "changed", m.pending(), m.timeoutSeconds());
                case PENDING -> new Move(m.transferId(), m.actor(), m.debitAccountId(), m.creditAccountId(),
                        m.amount(), m.currency(), m.reference(), !m.pending(), m.pending() ? null : 60L);
                case OTHER -> new Move(m.transferId(), m.actor().next(), m.debitAccountId(),
                        m.creditAccountId(), m.amount(), m.currency(), m.reference(), m.pending(),
                        m.timeoutSeconds());
            };
        }
        Batch b = (Batch) earlier;
        Item first = b.items().get(0);
        List<Item> rest = b.items().subList(1, b.items().size());
        return switch (change) {
            case SAME -> b;
            case AMOUNT -> new Batch(b.actor(), prepend(new Item(first.transferId(), first.debitAccountId(),
                    first.creditAccountId(), first.amount() + 1, first.currency(), first.reference(), first.pending(),
                    first.timeoutSeconds()), rest));
            case REFERENCE -> new Batch(b.actor(), prepend(new Item(first.transferId(), first.debitAccountId(),
                    first.creditAccountId(), first.amount(), first.currency(), "changed", first.pending(),
                    first.timeoutSeconds()), rest));
            // an item's id sent again in the other phase
            case PENDING -> new Move(first.transferId(), b.actor(), first.debitAccountId(),
                    first.creditAccountId(), first.amount(), first.currency(), first.reference(), !first.pending(),
                    first.pending() ? null : 60L);
            case OTHER -> new Batch(b.actor().next(), b.items());
        };
    }

    private static List<Item> prepend(Item first, List<Item> rest) {
        List<Item> items = new ArrayList<>();
        items.add(first);
        items.addAll(rest);
        return items;
    }
}
