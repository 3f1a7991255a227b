package io.ledgerflow.command.account;

import io.ledgerflow.command.axon.RecordingLocks;
import io.ledgerflow.events.account.AccountOpened;
import io.ledgerflow.events.account.AccountOverdraftLimitChanged;
import io.ledgerflow.events.account.AccountState;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.axonframework.test.matchers.Matchers.predicate;

class AccountCommandHandlerTest {

    private static final OpenAccount OPEN = new OpenAccount("acc-1", "alice", "USD", 100, 0, Map.of("tier", "gold"));
    private static final AccountOpened OPENED = new AccountOpened("acc-1", "alice", "USD", 100, 0,
            Map.of("tier", "gold"), false);

    private AggregateTestFixture<Account> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Account.class);
        fixture.registerAnnotatedCommandHandler(new AccountCommandHandler(fixture.getRepository(), new RecordingLocks(), fixture.getEventStore()));
    }

    @Test
    void opening_a_new_id_records_AccountOpened_with_zero_balances() {
        fixture.givenNoPriorActivity()
                .when(OPEN)
                .expectEvents(OPENED)
                .expectResultMessagePayloadMatching(predicate(result ->
                        result instanceof AccountOutcome.Opened opened
                                && opened.account().balances().posted() == 0
                                && opened.account().version() == 1
                                && opened.account().status() == AccountStatus.OPEN));
    }

    @Test
    void opening_the_same_id_with_the_same_fields_records_nothing_and_returns_the_account() {
        fixture.given(new GenericDomainEventMessage<>("Account", "account/acc-1", 0, OPENED))
                .when(OPEN)
                .expectNoEvents()
                .expectResultMessagePayloadMatching(predicate(result ->
                        result instanceof AccountOutcome.AlreadyOpened same && same.account().id().equals("acc-1")));
    }

    @Test
    void a_repeated_opening_is_compared_with_the_limit_it_opened_with_not_the_one_an_operator_set_since() {
        AccountOverdraftLimitChanged raised = new AccountOverdraftLimitChanged("acc-1", 0,
                new AccountState(io.ledgerflow.events.account.AccountStatus.OPEN, 500));
        fixture.given(new GenericDomainEventMessage<>("Account", "account/acc-1", 0, OPENED),
                        new GenericDomainEventMessage<>("Account", "account/acc-1", 1, raised))
                .when(OPEN)
                .expectNoEvents()
                .expectResultMessagePayloadMatching(predicate(result -> result instanceof AccountOutcome.AlreadyOpened same
                        && same.account().overdraftLimit() == 500));
        fixture.given(new GenericDomainEventMessage<>("Account", "account/acc-1", 0, OPENED),
                        new GenericDomainEventMessage<>("Account", "account/acc-1", 1, raised))
                .when(new OpenAccount("acc-1", "alice", "USD", 100, 500, Map.of("tier", "gold")))
                .expectNoEvents()
                .expectResultMessagePayload(new AccountOutcome.IdConflict(List.of("overdraftLimit")));
    }

    @Test
    void opening_the_same_id_with_other_fields_is_a_conflict_naming_them() {
        fixture.given(new GenericDomainEventMessage<>("Account", "account/acc-1", 0, OPENED))
                .when(new OpenAccount("acc-1", "bob", "EUR", 100, 0, Map.of("tier", "gold")))
                .expectNoEvents()
                .expectResultMessagePayload(new AccountOutcome.IdConflict(List.of("ownerId", "currency")));
    }
}
