package io.ledgerflow.events.envelope;

import io.ledgerflow.events.LedgerEvent;
import io.ledgerflow.events.account.AccountClosed;
import io.ledgerflow.events.account.AccountCredited;
import io.ledgerflow.events.account.AccountCreditReserved;
import io.ledgerflow.events.account.AccountDebitReserved;
import io.ledgerflow.events.account.AccountReservationReleased;
import io.ledgerflow.events.account.AccountDebited;
import io.ledgerflow.events.account.AccountFrozen;
import io.ledgerflow.events.account.AccountOpened;
import io.ledgerflow.events.account.AccountOverdraftLimitChanged;
import io.ledgerflow.events.account.AccountReopened;
import io.ledgerflow.events.account.AccountState;
import io.ledgerflow.events.account.AccountStatus;
import io.ledgerflow.events.account.AccountUnfrozen;
import io.ledgerflow.events.account.Balances;
import io.ledgerflow.events.transfer.TransferKind;
import io.ledgerflow.events.transfer.TransferExpired;
import io.ledgerflow.events.transfer.TransferPending;
import io.ledgerflow.events.transfer.TransferPendingPosted;
import io.ledgerflow.events.transfer.TransferPosted;
import io.ledgerflow.events.transfer.TransferVoided;
import io.ledgerflow.events.transfer.TransferRejected;
import io.ledgerflow.events.transfer.TransferTerms;

import java.util.List;
import java.util.Map;

/** One example of every event type; {@code contract/<Type>.json} holds the JSON each must keep producing. */
final class EventExamples {

    static final TransferTerms TERMS = new TransferTerms(TransferKind.TRANSFER, "acc-1", "acc-2", 2500, "USD",
            "invoice 7", Map.of("channel", "web"));

    static final List<LedgerEvent> ALL = List.of(
            new AccountOpened("acc-1", "alice", "USD", 1100, 0, Map.of("tier", "gold"), false),
            new AccountDebited("acc-1", "t-1", 2500, new Balances(7500, 0, 0)),
            new AccountCredited("acc-2", "t-1", 2500, new Balances(2500, 0, 0)),
            new AccountFrozen("acc-1", new AccountState(AccountStatus.FROZEN, 0)),
            new AccountUnfrozen("acc-1", new AccountState(AccountStatus.OPEN, 0)),
            new AccountClosed("acc-1", new AccountState(AccountStatus.CLOSED, 0)),
            new AccountReopened("acc-1", new AccountState(AccountStatus.OPEN, 0)),
            new AccountOverdraftLimitChanged("acc-1", 0, new AccountState(AccountStatus.OPEN, 5000)),
            new TransferPosted("t-1", TERMS),
            new TransferRejected("t-2", TERMS, "INSUFFICIENT_FUNDS", "account acc-1 has 0 available, 2500 needed"),
            new AccountDebitReserved("acc-1", "t-3", 2500, new Balances(10000, 2500, 0)),
            new AccountCreditReserved("acc-2", "t-3", 2500, new Balances(0, 0, 2500)),
            new AccountReservationReleased("acc-1", "t-3", 2500, new Balances(10000, 0, 0)),
            new TransferPending("t-3", TERMS, 60L),
            new TransferPendingPosted("t-3", TERMS, 2000),
            new TransferVoided("t-3", TERMS),
            new TransferExpired("t-3", TERMS));

    private EventExamples() {
    }
}
