package io.ledgerflow.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void aPortInUseIsReportedAsSuchSoThatACallerMayPickAnother() throws Exception {
        try (ServerSocket taken = Ports.reserve()) {
            assertThatThrownBy(() -> Ports.requireFree(taken.getLocalPort(), "a test server"))
                    .isInstanceOf(FreePorts.PortInUseException.class)
                    .hasMessageContaining("port " + taken.getLocalPort() + " for a test server is already in use");
        }
    }

    @Test
    void aTakenPortIsTracedToTheSocketAndTheProcessHoldingIt() throws Exception {
        try (ServerSocket taken = Ports.reserve()) {
            String holders = PortHolders.of(taken.getLocalPort());

            assertThat(holders).contains("LISTEN").contains("pid " + ProcessHandle.current().pid() + " (");
        }
    }

    @Test
    void portZeroResolvesToAPickedPortAndAFixedPortToItself() {
        assertThat(Ports.resolve(0)).isPositive().isLessThan(FreePorts.ephemeralLow());
        assertThat(Ports.resolve(18_081)).isEqualTo(18_081);
    }
}
