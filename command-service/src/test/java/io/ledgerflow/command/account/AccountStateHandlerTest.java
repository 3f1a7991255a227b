package io.ledgerflow.command.account;

import io.ledgerflow.command.axon.RecordingLocks;
import io.ledgerflow.events.account.AccountClosed;
import io.ledgerflow.events.account.AccountCredited;
import io.ledgerflow.events.account.AccountDebited;
import io.ledgerflow.events.account.AccountFrozen;
import io.ledgerflow.events.account.AccountOpened;
import io.ledgerflow.events.account.AccountOverdraftLimitChanged;
import io.ledgerflow.events.account.AccountReopened;
import io.ledgerflow.events.account.AccountState;
import io.ledgerflow.events.account.AccountUnfrozen;
import io.ledgerflow.events.account.Balances;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.ledgerflow.events.account.AccountStatus.CLOSED;
import static io.ledgerflow.events.account.AccountStatus.FROZEN;
import static io.ledgerflow.events.account.AccountStatus.OPEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.predicate;

class AccountStateHandlerTest {

    private static final String ID = "acc-1";
    private static final AccountOpened OPENED = new AccountOpened(ID, "alice", "USD", null, 0, Map.of(), false);
    private static final AccountCredited FUNDED = new AccountCredited(ID, "d-1", 500, new Balances(500, 0, 0));
    private static final AccountDebited EMPTIED = new AccountDebited(ID, "w-1", 500, Balances.ZERO);
    private static final AccountFrozen FROZE = new AccountFrozen(ID, new AccountState(FROZEN, 0));
    private static final AccountClosed CLOSED_EMPTY = new AccountClosed(ID, new AccountState(CLOSED, 0));

    private AggregateTestFixture<Account> fixture;
    private RecordingLocks locks;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Account.class);
        locks = new RecordingLocks();
        fixture.registerAnnotatedCommandHandler(new AccountStateHandler(fixture.getRepository(), locks));
    }

    @Test
    void freezing_an_open_account_records_AccountFrozen_and_advances_the_version() {
        fixture.given(history(OPENED, FUNDED))
                .when(new FreezeAccount(ID))
                .expectEvents(FROZE)
                .expectResultMessagePayloadMatching(predicate(result -> result instanceof StateOutcome.Changed changed
                        && changed.account().status() == AccountStatus.FROZEN && changed.account().version() == 3
                        && changed.account().balances().posted() == 500));
        assertThat(locks.taken).containsExactly("account/" + ID);
    }

    @Test
    void an_action_whose_if_match_names_the_current_version_is_applied() {
        fixture.given(history(OPENED, FUNDED))
                .when(new IfMatchAccount(new FreezeAccount(ID), new IfMatch(false, Set.of(2L))))
                .expectEvents(FROZE)
                .expectResultMessagePayloadMatching(predicate(result -> result instanceof StateOutcome.Changed changed
                        && changed.account().version() == 3));
    }

    @Test
    void an_action_whose_if_match_names_another_version_records_nothing_and_says_the_current_one() {
        fixture.given(history(OPENED, FUNDED))
                .when(new IfMatchAccount(new ChangeOverdraftLimit(ID, 100), new IfMatch(false, Set.of(1L, 3L))))
                .expectNoEvents()
                .expectResultMessagePayload(new StateOutcome.VersionMismatch(2));
        assertThat(locks.taken).as("decided under the account's lock").containsExactly("account/" + ID);
    }

    @Test
    void an_if_match_on_an_account_that_does_not_exist_is_not_found() {
        fixture.givenNoPriorActivity()
                .when(new IfMatchAccount(new FreezeAccount(ID), IfMatch.ANY))
                .expectNoEvents()
                .expectResultMessagePayload(new StateOutcome.NotFound(ID));
    }

    @Test
    void freezing_a_frozen_account_records_nothing() {
        fixture.given(history(OPENED, FROZE))
                .when(new FreezeAccount(ID))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(predicate(result -> result instanceof StateOutcome.Unchanged same
                        && same.account().status() == AccountStatus.FROZEN && same.account().version() == 2));
    }

    @Test
    void freezing_a_closed_account_is_refused_as_closed() {
        fixture.given(history(OPENED, CLOSED_EMPTY))
                .when(new FreezeAccount(ID))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(refused(StateRefusal.ACCOUNT_CLOSED));
    }

    @Test
    void unfreezing_a_frozen_account_records_AccountUnfrozen() {
        fixture.given(history(OPENED, FROZE))
                .when(new UnfreezeAccount(ID))
                .expectEvents(new AccountUnfrozen(ID, new AccountState(OPEN, 0)));
    }

    @Test
    void unfreezing_an_open_account_records_nothing() {
        fixture.given(history(OPENED))
                .when(new UnfreezeAccount(ID))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(predicate(result -> result instanceof StateOutcome.Unchanged));
    }

    @Test
    void unfreezing_a_closed_account_is_refused_as_closed() {
        fixture.given(history(OPENED, CLOSED_EMPTY))
                .when(new UnfreezeAccount(ID))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(refused(StateRefusal.ACCOUNT_CLOSED));
    }

    @Test
    void closing_an_account_emptied_again_records_AccountClosed() {
        fixture.given(history(OPENED, FUNDED, EMPTIED))
                .when(new CloseAccount(ID))
                .expectEvents(CLOSED_EMPTY)
                .expectResultMessagePayloadMatching(predicate(result -> result instanceof StateOutcome.Changed changed
                        && changed.account().status() == AccountStatus.CLOSED && changed.account().version() == 4));
    }

    @Test
    void closing_a_frozen_empty_account_is_allowed() {
        fixture.given(history(OPENED, FROZE))
                .when(new CloseAccount(ID))
                .expectEvents(CLOSED_EMPTY);
    }

    @Test
    void closing_an_account_with_a_balance_is_refused_as_not_empty() {
        fixture.given(history(OPENED, FUNDED))
                .when(new CloseAccount(ID))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(refused(StateRefusal.ACCOUNT_NOT_EMPTY));
    }

    @Test
    void closing_an_account_in_its_overdraft_is_refused_as_not_empty() {
        fixture.given(history(new AccountOpened(ID, "alice", "USD", null, 100, Map.of(), false),
                        new AccountDebited(ID, "w-1", 50, new Balances(-50, 0, 0))))
                .when(new CloseAccount(ID))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(refused(StateRefusal.ACCOUNT_NOT_EMPTY));
    }

    @Test
    void closing_an_account_with_pending_amounts_is_refused_as_not_empty() {
        fixture.given(history(OPENED, new AccountCredited(ID, "p-1", 0, new Balances(0, 0, 300))))
                .when(new CloseAccount(ID))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(refused(StateRefusal.ACCOUNT_NOT_EMPTY));
    }

    @Test
    void closing_a_closed_account_records_nothing() {
        fixture.given(history(OPENED, CLOSED_EMPTY))
                .when(new CloseAccount(ID))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(predicate(result -> result instanceof StateOutcome.Unchanged));
    }

    @Test
    void reopening_a_closed_account_records_AccountReopened() {
        fixture.given(history(OPENED, FROZE, CLOSED_EMPTY))
                .when(new ReopenAccount(ID))
                .expectEvents(new AccountReopened(ID, new AccountState(OPEN, 0)))
                .expectResultMessagePayloadMatching(predicate(result -> result instanceof StateOutcome.Changed changed
                        && changed.account().status() == AccountStatus.OPEN && changed.account().version() == 4));
    }

    @Test
    void reopening_an_open_account_records_nothing() {
        fixture.given(history(OPENED))
                .when(new ReopenAccount(ID))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(predicate(result -> result instanceof StateOutcome.Unchanged));
    }

    @Test
    void reopening_a_frozen_account_is_refused_as_frozen() {
        fixture.given(history(OPENED, FROZE))
                .when(new ReopenAccount(ID))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(refused(StateRefusal.ACCOUNT_FROZEN));
    }

    @Test
    void changing_the_overdraft_limit_records_the_previous_and_the_new_limit() {
        fixture.given(history(OPENED, FROZE))
                .when(new ChangeOverdraftLimit(ID, 1_000))
                .expectEvents(new AccountOverdraftLimitChanged(ID, 0, new AccountState(FROZEN, 1_000)))
                .expectResultMessagePayloadMatching(predicate(result -> result instanceof StateOutcome.Changed changed
                        && changed.account().overdraftLimit() == 1_000 && changed.account().available() == 1_000
                        && changed.account().status() == AccountStatus.FROZEN));
    }

    @Test
    void setting_the_same_overdraft_limit_records_nothing() {
        fixture.given(history(OPENED))
                .when(new ChangeOverdraftLimit(ID, 0))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(predicate(result -> result instanceof StateOutcome.Unchanged));
    }

    @Test
    void lowering_the_overdraft_limit_to_what_is_used_is_allowed_but_not_below() {
        AccountOpened withOverdraft = new AccountOpened(ID, "alice", "USD", null, 100, Map.of(), false);
        AccountDebited inOverdraft = new AccountDebited(ID, "w-1", 60, new Balances(-60, 0, 0));

        fixture.given(history(withOverdraft, inOverdraft))
                .when(new ChangeOverdraftLimit(ID, 59))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(refused(StateRefusal.INSUFFICIENT_FUNDS));
        setUp();
        fixture.given(history(withOverdraft, inOverdraft))
                .when(new ChangeOverdraftLimit(ID, 60))
                .expectEvents(new AccountOverdraftLimitChanged(ID, 100, new AccountState(OPEN, 60)))
                .expectResultMessagePayloadMatching(predicate(result -> result instanceof StateOutcome.Changed changed
                        && changed.account().available() == 0));
    }

    @Test
    void changing_the_overdraft_limit_of_a_closed_account_is_refused_as_closed() {
        fixture.given(history(OPENED, CLOSED_EMPTY))
                .when(new ChangeOverdraftLimit(ID, 10))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(refused(StateRefusal.ACCOUNT_CLOSED));
    }

    @Test
    void an_unknown_account_is_not_found() {
        fixture.givenNoPriorActivity()
                .when(new FreezeAccount(ID))
                .expectNoEvents()
                .expectResultMessagePayload(new StateOutcome.NotFound(ID));
    }

    @Test
    void a_settlement_account_is_not_found() {
        fixture.given(List.of(new GenericDomainEventMessage<>("Account", "account/@world:USD", 0,
                        new AccountOpened("@world:USD", "system", "USD", null, 0, Map.of(), true))))
                .when(new CloseAccount("@world:USD"))
                .expectNoEvents()
                .expectResultMessagePayload(new StateOutcome.NotFound("@world:USD"));
    }

    private static org.hamcrest.Matcher<?> refused(StateRefusal code) {
        return predicate(result -> result instanceof StateOutcome.Refused refused && refused.code() == code);
    }

    private static List<DomainEventMessage<?>> history(Object... events) {
        List<DomainEventMessage<?>> messages = new ArrayList<>();
        for (int i = 0; i < events.length; i++) {
            messages.add(new GenericDomainEventMessage<>("Account", "account/" + ID, i, events[i]));
        }
        return messages;
    }
}
