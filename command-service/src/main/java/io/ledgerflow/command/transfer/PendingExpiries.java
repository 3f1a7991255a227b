package io.ledgerflow.command.transfer;

import io.ledgerflow.command.account.WorldAccount;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The durable schedule of pending transfers' expiries, table {@code pending_expiries}. Written in the command's own
 * transaction (the unit of work's), so a row exists exactly while its transfer is pending with a timeout, whatever
 * crashes when.
 */
@Component
public class PendingExpiries {

    /** Expired before one command is sent again; more would hold up its caller, and the job expires the rest. */
    private static final int MAX_DUE_HOLDS = 100;

    private final JdbcTemplate jdbc;
    private final Clock clock = Clock.systemUTC();

    public PendingExpiries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Called by a command handler that appends a {@code TransferPending} with a timeout (a single transfer or a
     * batch item): the row joins the unit of work's transaction, so it is kept only if the events are.
     */
    public void schedule(String transferId, String debitAccountId, String creditAccountId, Instant dueAt) {
        jdbc.update("insert into pending_expiries (transfer_id, debit_account_id, credit_account_id, due_at)"
                + " values (?, ?, ?, ?)", transferId, debitAccountId, creditAccountId, Timestamp.from(dueAt));
    }

    void resolved(String transferId) {
        jdbc.update("delete from pending_expiries where transfer_id = ?", transferId);
    }

    /**
     * Due transfers, oldest first. Several instances may read the same row: the expiry command locks the transfer
     * before it reads it, so only the first one expires it and the others are refused without effect. Due by this
     * instance's clock, the one the expiry is decided by ({@link TransferRules#decideResolution}): by the database's,
     * an instance whose clock runs behind would send commands it then refuses, every poll.
     */
    List<String> due(int limit) {
        return jdbc.queryForList("select transfer_id from pending_expiries where due_at <= ? order by due_at limit ?",
                String.class, Timestamp.from(clock.instant()), limit);
    }

    /**
     * A refusal is not recorded (it would be sticky) while it may come from holds that are due: their reservations
     * are void already, only their expiry has not run yet. For want of funds, the holds on the debit account; for an
     * overflow, those whose reservation the balance check counts: holds debiting the debit account (its
     * {@code pendingDebits}) and holds crediting the credit account (its {@code pendingCredits}). Read only on a
     * refusal's path, by a single transfer, deposit or withdrawal and by a batch item alike.
     *
     * @return the due holds to expire before the command is decided again, oldest first; empty when the refusal
     * stands
     */
    public List<String> dueBeforeRefusing(String rejectionCode, String debitAccountId, String creditAccountId,
                                          Instant now) {
        if (RejectionCode.AMOUNT_OVERFLOW.name().equals(rejectionCode)) {
            return dueReserving(debitAccountId, creditAccountId, now, MAX_DUE_HOLDS);
        }
        if (!RejectionCode.INSUFFICIENT_FUNDS.name().equals(rejectionCode) || WorldAccount.isWorld(debitAccountId)) {
            return List.of();
        }
        return dueOn(debitAccountId, now, MAX_DUE_HOLDS);
    }

    /** The due holds that debit {@code debitAccountId} or credit {@code creditAccountId}, oldest first. */
    public List<String> dueReserving(String debitAccountId, String creditAccountId, Instant now, int limit) {
        return jdbc.queryForList("select transfer_id from pending_expiries where due_at <= ?"
                + " and (debit_account_id = ? or credit_account_id = ?) order by due_at, transfer_id limit ?",
                String.class, Timestamp.from(now), debitAccountId, creditAccountId, limit);
    }

    /**
     * The due holds that reserve on this account, oldest first: a debit the account cannot afford expires them
     * before it is decided, since their reservations are void already ({@link TransferOutcome.HoldsExpiring}).
     */
    public List<String> dueOn(String debitAccountId, Instant now, int limit) {
        return jdbc.queryForList("select transfer_id from pending_expiries where debit_account_id = ? and due_at <= ?"
                + " order by due_at, transfer_id limit ?", String.class, debitAccountId, Timestamp.from(now), limit);
    }
}
