package io.ledgerflow.command.consistency;

import io.ledgerflow.command.axon.LedgerCorrelationData;
import io.ledgerflow.command.consistency.CommandFootprints.Footprint;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class CommandFootprintsTest {

    private final CommandFootprints footprints = new CommandFootprints();

    @Test
    void a_committed_command_leaves_what_it_read_and_what_it_wrote_once() {
        var command = GenericCommandMessage.asCommandMessage("transfer");
        var unitOfWork = DefaultUnitOfWork.startAndGet(command);
        footprints.loaded("account/a-1", 4);
        footprints.loaded("account/b-2", 9);
        footprints.applied(List.of(event(command, "account/a-1", 5), event(command, "transfer/t-1", 0)));
        unitOfWork.commit();

        assertThat(footprints.take(command.getIdentifier())).contains(Map.of("account/a-1", new Footprint(5, true),
                "account/b-2", new Footprint(9, false), "transfer/t-1", new Footprint(0, true)));
        assertThat(footprints.take(command.getIdentifier())).isEmpty();
    }

    @Test
    void commands_sharing_a_unit_of_work_keep_their_own_reads_and_writes() {
        var first = GenericCommandMessage.asCommandMessage("deposit 1");
        var second = GenericCommandMessage.asCommandMessage("deposit 2");
        var unitOfWork = DefaultUnitOfWork.startAndGet(first);
        footprints.loaded("account/a-1", 4);
        unitOfWork.transformMessage(current -> second);
        footprints.loaded("account/a-1", 5); // after the first command's deposit, still in memory
        unitOfWork.transformMessage(current -> first);
        footprints.applied(List.of(event(first, "account/a-1", 5), event(first, "transfer/d-1", 0),
                event(second, "account/a-1", 6), event(second, "transfer/d-2", 0)));
        unitOfWork.commit();

        assertThat(footprints.take(first.getIdentifier())).contains(Map.of("account/a-1", new Footprint(5, true),
                "transfer/d-1", new Footprint(0, true)));
        assertThat(footprints.take(second.getIdentifier())).contains(Map.of("account/a-1", new Footprint(6, true),
                "transfer/d-2", new Footprint(0, true)));
    }

    @Test
    void a_rolled_back_command_leaves_nothing() {
        var command = GenericCommandMessage.asCommandMessage("open");
        var unitOfWork = DefaultUnitOfWork.startAndGet(command);
        footprints.loaded("account/a-1", 0);
        footprints.applied(List.of(event(command, "account/a-1", 1)));
        unitOfWork.rollback();

        assertThat(footprints.take(command.getIdentifier())).isEmpty();
    }

    @Test
    void a_load_outside_any_command_is_ignored() {
        var unitOfWork = DefaultUnitOfWork.startAndGet(null);

        assertThatCode(() -> footprints.loaded("account/a-1", 0)).doesNotThrowAnyException();
        unitOfWork.commit();
    }

    private static GenericDomainEventMessage<String> event(CommandMessage<?> cause, String stream, long sequence) {
        return new GenericDomainEventMessage<>("Account", stream, sequence, "event",
                MetaData.with(LedgerCorrelationData.CAUSATION_ID, cause.getIdentifier()));
    }
}
