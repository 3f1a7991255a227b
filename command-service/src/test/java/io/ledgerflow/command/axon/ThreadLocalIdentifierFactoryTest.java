package io.ledgerflow.command.axon;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.common.IdentifierFactory;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ThreadLocalIdentifierFactoryTest {

    @Test
    void axon_finds_the_factory_and_gives_messages_random_uuids_from_it() {
        assertThat(IdentifierFactory.getInstance()).isInstanceOf(ThreadLocalIdentifierFactory.class);

        String id = new GenericCommandMessage<>("a command").getIdentifier();

        assertThat(UUID.fromString(id).version()).isEqualTo(4);
        assertThat(new GenericCommandMessage<>("a command").getIdentifier()).isNotEqualTo(id);
    }
}
