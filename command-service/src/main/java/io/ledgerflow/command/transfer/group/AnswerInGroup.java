package io.ledgerflow.command.transfer.group;

import java.time.Duration;

/**
 * What a keyed request's command adds to its group's transaction: the key held before any command runs, and the
 * answer its request rendered from the command's outcome stored before the group commits.
 */
interface AnswerInGroup {

    /** False when the key is no longer the request's: the group must not run. */
    boolean holdKey();

    /** The command ran: its request may render its answer from this outcome, which is not committed yet. */
    void handOut(Object outcome);

    /** Stores the request's answer in the group's transaction; false when it has none within the wait. */
    boolean storeAnswer(Duration wait);
}
