package io.ledgerflow.command.axon;

import io.ledgerflow.command.support.CommandServiceTest;
import org.axonframework.messaging.timeout.HandlerTimeoutHandlerEnhancerDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Axon's handler timeouts stay off (application.yml, {@code axon.timeout.enabled}): each took a stack trace of the
 * request thread for every command. With them on, Axon's auto-configuration defines the definition that wraps every
 * handler.
 */
class NoHandlerTimeoutsTest extends CommandServiceTest {

    @Autowired
    ApplicationContext context;

    @Test
    void no_timeout_wrapper_is_configured() {
        assertThat(context.getBeansOfType(HandlerTimeoutHandlerEnhancerDefinition.class)).isEmpty();
    }
}
