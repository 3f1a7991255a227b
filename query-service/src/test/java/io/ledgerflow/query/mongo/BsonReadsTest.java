package io.ledgerflow.query.mongo;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class BsonReadsTest {

    @Test
    void a_filter_bound_is_the_first_whole_millisecond_at_or_after_the_instant() {
        assertThat(BsonReads.firstMilliAtOrAfter(Instant.parse("2026-12-07T22:29:40.020Z")))
                .isEqualTo(BsonReads.toDate(Instant.parse("2026-12-07T22:29:40.020Z")));
        assertThat(BsonReads.firstMilliAtOrAfter(Instant.parse("2026-12-07T22:29:40.020000001Z")))
                .isEqualTo(BsonReads.toDate(Instant.parse("2026-12-07T22:29:40.021Z")));
        assertThat(BsonReads.firstMilliAtOrAfter(Instant.parse("2026-12-07T22:29:40.020999999Z")))
                .isEqualTo(BsonReads.toDate(Instant.parse("2026-12-07T22:29:40.021Z")));
        // before 1970 the epoch milliseconds are negative: still upwards, not towards zero
        assertThat(BsonReads.firstMilliAtOrAfter(Instant.parse("1969-12-31T23:59:59.998500000Z")))
                .isEqualTo(BsonReads.toDate(Instant.parse("1969-12-31T23:59:59.999Z")));
    }
}
