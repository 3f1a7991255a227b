package io.ledgerflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void aPickedPortIsBelowTheEphemeralRangeSoNoOutgoingConnectionCanTakeIt() {
        int ephemeralLow = FreePorts.ephemeralLow();

        List<Integer> picked = IntStream.range(0, 50).mapToObj(i -> FreePorts.pick()).toList();

        assertThat(picked).allSatisfy(port -> assertThat(port).isBetween(FreePorts.LOWEST_PICKED, ephemeralLow - 1));
    }

    @Test
    void aPickedPortCanBeBound() throws Exception {
        int port = FreePorts.pick();

        try (ServerSocket server = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(server.getLocalPort()).isEqualTo(port);
            assertThat(FreePorts.isFree(port)).isFalse();
        }
    }

    @Test
    void serversStartingSideBySideNeverPickTheSamePort() throws Exception {
        Set<Integer> picked = ConcurrentHashMap.newKeySet();
        Callable<Integer> pickMany = () -> {
            int distinct = 0;
            for (int i = 0; i < 50; i++) {
                distinct += picked.add(FreePorts.pick()) ? 1 : 0;
            }
            return distinct;
        };
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> results = threads.invokeAll(List.of(pickMany, pickMany, pickMany, pickMany,
                    pickMany, pickMany, pickMany, pickMany));
            for (Future<Integer> result : results) {
                assertThat(result.get()).isEqualTo(50);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(picked).hasSize(400);
    }

    @Test
    void aTakenPortIsReportedAsInUseBeforeAnyServerTriesIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> FreePorts.requireFree(taken.getLocalPort(), "a test"))
                    .isInstanceOf(FreePorts.PortInUseException.class)
                    .hasMessageContaining("already in use");
        }
    }

    @Test
    void aPortTakenOnAnotherInterfaceIsNotFreeForServersThatBindEveryAddress() throws Exception {
        InetAddress other = NetworkInterface.networkInterfaces()
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress())
                .findFirst().orElse(null);
        assumeTrue(other != null, "no IPv4 address besides loopback on this machine");
        try (ServerSocket taken = new ServerSocket(0, 1, other)) {
            assertThat(FreePorts.isFree(taken.getLocalPort())).isFalse();
        }
    }
}
