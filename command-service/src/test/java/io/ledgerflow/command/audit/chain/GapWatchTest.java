package io.ledgerflow.command.audit.chain;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class GapWatchTest {

    private static final long SECOND = 1_000_000_000L;

    private final GapWatch gaps = new GapWatch(Duration.ofSeconds(1));

    @Test
    void a_hole_is_not_passed_before_the_grace_even_when_no_transaction_could_fill_it() {
        GapWatch.Snapshot idle = new GapWatch.Snapshot(100, 100);

        assertThat(gaps.isPermanent(12, idle, idle, 0)).isFalse();
        assertThat(gaps.isPermanent(12, idle, idle, SECOND - 1)).isFalse();
        assertThat(gaps.isPermanent(12, idle, idle, SECOND)).isTrue();
    }

    @Test
    void a_hole_is_not_passed_while_a_transaction_running_at_its_first_sighting_still_runs() {
        // transaction 95 was running when the hole was first seen (xmax 100 then)
        gaps.isPermanent(12, new GapWatch.Snapshot(95, 100), new GapWatch.Snapshot(95, 100), 0);

        assertThat(gaps.isPermanent(12, new GapWatch.Snapshot(95, 140), new GapWatch.Snapshot(95, 140), 60 * SECOND))
                .as("95 still runs a minute later").isFalse();
        assertThat(gaps.isPermanent(12, new GapWatch.Snapshot(99, 140), new GapWatch.Snapshot(99, 140), 60 * SECOND))
                .as("99 began before the sighting and still runs").isFalse();
        assertThat(gaps.isPermanent(12, new GapWatch.Snapshot(100, 140), new GapWatch.Snapshot(100, 140), 60 * SECOND))
                .as("every transaction of the sighting has ended; later ones cannot hold an older position").isTrue();
    }

    @Test
    void the_first_sighting_counts_not_the_latest() {
        gaps.isPermanent(12, new GapWatch.Snapshot(50, 60), new GapWatch.Snapshot(50, 60), 0);

        // a later look with a later xmax does not move the bound nor restart the grace
        assertThat(gaps.isPermanent(12, new GapWatch.Snapshot(60, 90), new GapWatch.Snapshot(60, 90), 2 * SECOND)).isTrue();
    }

    @Test
    void passed_holes_are_forgotten_and_later_ones_kept() {
        GapWatch.Snapshot snapshot = new GapWatch.Snapshot(10, 20);
        gaps.isPermanent(5, snapshot, snapshot, 0);
        gaps.isPermanent(9, snapshot, snapshot, 0);
        assertThat(gaps.watched()).isEqualTo(2);

        gaps.passed(7);

        assertThat(gaps.watched()).isEqualTo(1);
        // forgotten: a hole seen again before 5 starts a fresh grace
        assertThat(gaps.isPermanent(5, new GapWatch.Snapshot(30, 30), new GapWatch.Snapshot(30, 30), 5 * SECOND)).isFalse();
    }
}
