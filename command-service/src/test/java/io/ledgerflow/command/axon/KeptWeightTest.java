package io.ledgerflow.command.axon;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class KeptWeightTest {

    @Test
    void an_aggregate_without_text_weighs_one() {
        assertThat(KeptWeight.of(Map.of())).isEqualTo(1);
        assertThat(KeptWeight.of(null, (String) null)).isEqualTo(1);
    }

    @Test
    void every_512_characters_of_metadata_and_texts_add_one() {
        assertThat(KeptWeight.of(Map.of("k".repeat(11), "v".repeat(500)))).isEqualTo(1);
        assertThat(KeptWeight.of(Map.of("k".repeat(12), "v".repeat(500)))).isEqualTo(2);
        assertThat(KeptWeight.of(Map.of("k", "v".repeat(1023)), "r".repeat(1024))).isEqualTo(5);
    }
}
