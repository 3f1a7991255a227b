package io.ledgerflow.command.expiry;

import java.util.List;

/**
 * An outcome that decided nothing and appended nothing: the command would be refused for want of funds while holds
 * on its debit account are past their timeout, void in all but the schedule. {@code Commands} has them expired
 * ({@link DueHolds}) and sends the command again, so it is decided against the account as it stands without them.
 */
public interface ExpireFirst {

    /** The due holds, by transfer id, oldest first. */
    List<String> dueHolds();
}
