package io.ledgerflow.command.security;

import io.ledgerflow.servicekit.security.Caller;
import io.ledgerflow.servicekit.security.Roles;

public final class Actors {

    private Actors() {
    }

    /** The authenticated caller of this request, as the ledger sees it. */
    public static Actor current() {
        Caller caller = Caller.current().orElseThrow(() -> new IllegalStateException("no authenticated caller"));
        return new Actor(caller.subject(), caller.has(Roles.OPERATOR));
    }
}
