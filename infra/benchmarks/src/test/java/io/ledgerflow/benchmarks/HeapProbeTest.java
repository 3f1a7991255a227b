package io.ledgerflow.benchmarks;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HeapProbeTest {

    @Test
    void sumsTheHeapsUsedKilobytesFromGcHeapInfoWithoutMetaspace() {
        String g1 = """
                12345:
                 garbage-first heap   total 262144K, used 81234K [0x00000000d0000000, 0x0000000100000000)
                  region size 1024K, 3 young (3072K), 0 survivors (0K)
                 Metaspace       used 98765K, committed 99840K, reserved 1179648K
                """;
        assertEquals(Optional.of(81234L), HeapProbe.usedKilobytes(g1));
        String serial = """
                 def new generation   total 9216K, used 1234K [0x...)
                 tenured generation   total 20480K, used 5678K [0x...)
                """;
        assertEquals(Optional.of(1234L + 5678L), HeapProbe.usedKilobytes(serial));
        assertEquals(Optional.empty(), HeapProbe.usedKilobytes("12345:\nCommand executed successfully"));
    }
}
