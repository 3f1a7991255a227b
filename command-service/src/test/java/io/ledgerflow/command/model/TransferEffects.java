package io.ledgerflow.command.model;

import io.ledgerflow.events.account.AccountCredited;
import io.ledgerflow.events.account.AccountDebited;
import io.ledgerflow.events.transfer.TransferExpired;
import io.ledgerflow.events.transfer.TransferPendingPosted;
import io.ledgerflow.events.transfer.TransferPosted;
import io.ledgerflow.events.transfer.TransferRejected;
import io.ledgerflow.events.transfer.TransferVoided;

import java.util.ArrayList;
import java.util.List;

/** What one transfer id did, from the events appended for it: terminal transfer events and posted legs. */
final class TransferEffects {

    private int terminal;
    private int debits;
    private int credits;
    private final List<String> events = new ArrayList<>();

    /** One event of the transfer or one of its legs, as it was appended. */
    void add(Object payload) {
        events.add(payload.getClass().getSimpleName());
        if (payload instanceof TransferPosted || payload instanceof TransferPendingPosted
                || payload instanceof TransferVoided || payload instanceof TransferExpired
                || payload instanceof TransferRejected) {
            terminal++;
        } else if (payload instanceof AccountDebited) {
            debits++;
        } else if (payload instanceof AccountCredited) {
            credits++;
        }
    }

    /** Posted (single-phase or a hold), rejected, voided or expired: at most one of them, once. */
    int terminal() {
        return terminal;
    }

    int debits() {
        return debits;
    }

    int credits() {
        return credits;
    }

    @Override
    public String toString() {
        return events.toString();
    }
}
