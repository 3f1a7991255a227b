package io.ledgerflow.query.dashboard;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CountedSequencesTest {

    @Test
    void a_set_counts_exactly_its_sequences_whatever_their_order() {
        CountedSequences counted = CountedSequences.of(new Document(CountedSequences.SEQUENCES, List.of(1L)));

        assertThat(counted.contains(1)).isTrue();
        assertThat(counted.contains(0)).as("an earlier sequence read after a later one").isFalse();
        assertThat(counted.add(0)).isTrue();
        assertThat(counted.add(0)).as("the same sequence again").isFalse();
    }

    @Test
    void a_document_written_before_the_set_counts_every_sequence_below_its_version() {
        CountedSequences counted = CountedSequences.of(new Document(CountedSequences.LEGACY_VERSION, 2L)
                .append(CountedSequences.SEQUENCES, List.of(3L)));

        assertThat(counted.contains(0)).isTrue();
        assertThat(counted.contains(1)).isTrue();
        assertThat(counted.contains(2)).isFalse();
        assertThat(counted.contains(3)).isTrue();
        assertThat(new CountedSequences().contains(0)).isFalse();
    }
}
