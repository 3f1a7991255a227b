package io.ledgerflow.command.axon;

import io.ledgerflow.command.transfer.DueHoldsHandler;
import io.ledgerflow.command.transfer.TransferCommandHandler;
import io.ledgerflow.command.transfer.batch.BatchCommandHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.time.Clock;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A hold's post was decided by the system clock before its timeout and stamped after it, when the command was slow
 * to create its events (a probe saw it once in ~500 tries): the rule and the audit trail disagreed.
 */
class EventClockTest {

    @Test
    void a_rule_checked_in_a_unit_of_work_is_checked_at_the_instant_its_events_carry() throws Exception {
        TransactionTime.install();
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        try {
            Instant decided = EventClock.INSTANCE.instant();
            Thread.sleep(20);
            EventMessage<?> event = GenericEventMessage.asEventMessage("posted");

            assertThat(event.getTimestamp()).isEqualTo(decided);
            assertThat(Clock.systemUTC().instant()).isAfter(decided);
        } finally {
            unitOfWork.rollback();
        }
    }

    @Test
    void the_handlers_that_check_timeouts_decide_by_the_events_clock() throws Exception {
        for (Object handler : new Object[] {new TransferCommandHandler(null, null, null, null, null),
                new BatchCommandHandler(null, null, null, null),
                new DueHoldsHandler(null, null, null, null)}) {
            Field clock = handler.getClass().getDeclaredField("clock");
            clock.setAccessible(true);
            assertThat(clock.get(handler)).as(handler.getClass().getSimpleName()).isSameAs(EventClock.INSTANCE);
        }
    }
}
