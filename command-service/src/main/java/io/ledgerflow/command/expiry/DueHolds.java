package io.ledgerflow.command.expiry;

import java.util.List;

/** Expires holds whose timeout has passed, each in its own transaction, as the expiry job does. */
public interface DueHolds {

    /** On the calling thread, which must not be inside a transaction; a hold another command resolved is skipped. */
    void expireNow(List<String> transferIds);

    /** On the expiry job's threads, without waiting: for a caller inside a transaction. */
    void expireSoon(List<String> transferIds);
}
