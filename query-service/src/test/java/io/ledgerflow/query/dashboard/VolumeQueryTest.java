package io.ledgerflow.query.dashboard;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class VolumeQueryTest {

    private static final Instant NOW = Instant.parse("2026-12-06T22:00:30Z");

    @Test
    void the_default_from_is_sixty_buckets_before_to() {
        VolumeQuery query = VolumeQuery.parse("USD", "minute", null, null, NOW);

        assertThat(query.to()).isEqualTo(Instant.parse("2026-12-06T22:01:00Z"));
        assertThat(query.from()).isEqualTo(Instant.parse("2026-12-06T21:01:00Z"));
    }

    /** An earlier one would be written "-0001-…", which no parameter accepts back. */
    @Test
    void the_default_from_stops_at_the_start_of_year_0() {
        String[][] cases = {{"minute", "30"}, {"hour", "1"}, {"day", "1"}};
        for (String[] bucket : cases) {
            VolumeQuery query = VolumeQuery.parse("USD", bucket[0], null, "0000-01-01T00:30:00Z", NOW);

            assertThat(query.from()).as(bucket[0]).isEqualTo(Instant.parse("0000-01-01T00:00:00Z"));
            assertThat(query.buckets()).as(bucket[0]).isEqualTo(Integer.parseInt(bucket[1]));
        }
    }
}
