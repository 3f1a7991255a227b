package io.ledgerflow.command.consistency;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class CommandFootprintsTest {

    private final CommandFootprints footprints = new CommandFootprints();

    @Test
    void a_committed_command_leaves_its_streams_at_their_final_versions_once() {
        var command = GenericCommandMessage.asCommandMessage("open");
        long[] version = {0};
        var unitOfWork = DefaultUnitOfWork.startAndGet(command);
        footprints.touched("account/a-1", () -> version[0]);
        version[0] = 2; // the aggregate moved on while the command ran
        unitOfWork.commit();

        assertThat(footprints.take(command.getIdentifier())).contains(Map.of("account/a-1", 2L));
        assertThat(footprints.take(command.getIdentifier())).isEmpty();
    }

    @Test
    void a_rolled_back_command_leaves_nothing() {
        var command = GenericCommandMessage.asCommandMessage("open");
        var unitOfWork = DefaultUnitOfWork.startAndGet(command);
        footprints.touched("account/a-1", () -> 0L);
        unitOfWork.rollback();

        assertThat(footprints.take(command.getIdentifier())).isEmpty();
    }

    @Test
    void a_load_outside_any_command_is_ignored() {
        var unitOfWork = DefaultUnitOfWork.startAndGet(null);

        assertThatCode(() -> footprints.touched("account/a-1", () -> 0L)).doesNotThrowAnyException();
        unitOfWork.commit();
    }
}
