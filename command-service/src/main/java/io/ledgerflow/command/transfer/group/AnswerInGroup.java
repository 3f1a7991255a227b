package io.ledgerflow.command.transfer.group;

import io.ledgerflow.command.web.KeyedRequest;

import java.time.Duration;
import java.util.Optional;

/**
 * A keyed request's command in its group: its key is held before any command runs, and the answer its request renders
 * from the command's outcome is stored before the group commits.
 */
interface AnswerInGroup {

    KeyedRequest keyed();

    /** The command ran: its request may render its answer from this outcome, which is not committed yet. */
    void handOut(Object outcome);

    /** The answer its request rendered, within the wait; empty when it has none to store. */
    Optional<Object> awaitAnswer(Duration wait);
}
