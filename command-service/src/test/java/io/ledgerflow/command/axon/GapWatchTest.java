package io.ledgerflow.command.axon;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GapWatchTest {

    private static final long SECOND = 1_000_000_000L;

    private final GapWatch gaps = new GapWatch(Duration.ofSeconds(1));

    private static GapWatch.Snapshot snapshot(long xmin, long xmax, long takenNanos) {
        return new GapWatch.Snapshot(xmin, xmax, takenNanos);
    }

    @Test
    void a_hole_is_not_given_up_before_the_grace_even_when_no_transaction_could_fill_it() {
        assertThat(gaps.isPermanent(12, null, 0)).as("first sighting").isFalse();
        assertThat(gaps.isPermanent(12, snapshot(100, 100, SECOND - 1), SECOND)).isFalse();
        assertThat(gaps.isPermanent(12, snapshot(100, 100, SECOND), SECOND + 5)).isTrue();
    }

    @Test
    void the_bound_is_taken_after_the_grace_so_a_transaction_that_had_no_id_at_the_first_sighting_is_waited_for() {
        // at the first sighting (xmax 100) the writer had drawn position 12 but had no transaction id yet; it got 104
        gaps.isPermanent(12, snapshot(100, 100, 0), 1);

        assertThat(gaps.isPermanent(12, snapshot(104, 110, 2 * SECOND), 2 * SECOND + 5))
                .as("104 still runs, though every transaction of the first sighting has ended").isFalse();
        assertThat(gaps.isPermanent(12, snapshot(109, 120, 3 * SECOND), 3 * SECOND + 5)).isFalse();
        assertThat(gaps.isPermanent(12, snapshot(110, 130, 4 * SECOND), 4 * SECOND + 5))
                .as("every transaction below the bound (110) has ended").isTrue();
    }

    @Test
    void a_hole_is_not_given_up_while_a_transaction_older_than_the_bound_runs() {
        gaps.isPermanent(12, null, 0);
        gaps.isPermanent(12, snapshot(95, 100, 2 * SECOND), 2 * SECOND + 5);

        assertThat(gaps.isPermanent(12, snapshot(95, 140, 60 * SECOND), 60 * SECOND))
                .as("95 still runs a minute later").isFalse();
        assertThat(gaps.isPermanent(12, snapshot(100, 140, 61 * SECOND), 61 * SECOND)).isTrue();
    }

    @Test
    void a_snapshot_taken_before_the_first_sighting_decides_nothing() {
        assertThat(gaps.isPermanent(12, snapshot(100, 100, 0), 5)).isFalse();
        assertThat(gaps.isPermanent(12, snapshot(100, 100, 4), 2 * SECOND)).as("taken before the sighting").isFalse();
    }

    @Test
    void passed_holes_and_old_sightings_are_forgotten_and_later_ones_kept() {
        gaps.isPermanent(5, null, 0);
        gaps.isPermanent(9, null, 10);
        gaps.isPermanent(20, null, 3 * SECOND);
        assertThat(gaps.watched()).isEqualTo(3);

        gaps.passed(7);
        assertThat(gaps.watched()).isEqualTo(2);
        gaps.forgetSeenBefore(SECOND);
        assertThat(gaps.watched()).isEqualTo(1);
        // forgotten: a hole seen again starts a fresh grace
        assertThat(gaps.isPermanent(5, snapshot(30, 30, 5 * SECOND), 5 * SECOND + 5)).isFalse();
    }

    @Test
    void only_a_hole_watched_for_the_grace_is_due_for_a_snapshot() {
        gaps.isPermanent(12, null, 0);
        gaps.isPermanent(13, null, SECOND / 2);

        assertThat(gaps.anyDue(List.of(12L, 13L), SECOND - 1)).isFalse();
        assertThat(gaps.anyDue(List.of(13L), SECOND)).isFalse();
        assertThat(gaps.anyDue(List.of(12L, 13L), SECOND)).isTrue();
        assertThat(gaps.anyDue(List.of(99L), 10 * SECOND)).as("never seen").isFalse();
    }

    @Test
    void a_forgotten_hole_is_watched_afresh() {
        gaps.isPermanent(12, null, 0);
        gaps.forget(List.of(12L));

        assertThat(gaps.watched()).isZero();
        assertThat(gaps.anyDue(List.of(12L), 10 * SECOND)).isFalse();
    }

    @Test
    void the_grace_must_be_positive() {
        assertThatThrownBy(() -> new GapWatch(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
