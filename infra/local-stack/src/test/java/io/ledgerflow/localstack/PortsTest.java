package io.ledgerflow.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;

import io.ledgerflow.testkit.FreePorts;
import org.junit.jupiter.api.Test;

class PortsTest {

    @Test
    void aReservedPortIsHeldUntilReleasedAndIsOneNoOutgoingConnectionCanBeGiven() throws Exception {
        int port;
        try (ServerSocket reservation = Ports.reserve()) {
            port = reservation.getLocalPort();
            assertThat(port).isLessThan(FreePorts.ephemeralLow());
            assertThat(FreePorts.isFree(port)).isFalse();
        }
        assertThat(FreePorts.isFree(port)).isTrue();
    }

    @Test
    void portZeroResolvesToAPickedPortAndAFixedPortToItself() {
        assertThat(Ports.resolve(0)).isPositive().isLessThan(FreePorts.ephemeralLow());
        assertThat(Ports.resolve(18_081)).isEqualTo(18_081);
    }
}
