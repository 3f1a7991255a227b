package io.ledgerflow.benchmarks;

import org.junit.jupiter.api.Test;

import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The steady window's arithmetic, on a clock the test moves; no load, no timings. */
class SteadyWindowTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong clock = new AtomicLong(5 * SECOND);
    private final SteadyWindow window = new SteadyWindow(2, 4, clock::get);

    @Test
    void only_expected_answers_inside_the_window_are_counted() {
        long firstSent = window.sending(); // starts the window: counted from 7 s to 11 s
        clock.set(6 * SECOND);
        window.answered(firstSent, true); // settling
        for (int i = 0; i < 40; i++) {
            clock.set(7 * SECOND + i * SECOND / 10);
            long sent = window.sending();
            clock.addAndGet(SECOND / 100);
            window.answered(sent, i % 10 != 9); // every tenth a status other than 201
        }
        clock.set(11 * SECOND);
        window.answered(window.sending(), true); // after the window

        Properties described = window.describe("deposits");

        assertEquals("36", described.getProperty("deposits"));
        assertEquals("42", described.getProperty("answered"));
        assertEquals("9.0", described.getProperty("depositsPerSecond"));
        assertEquals("10", described.getProperty("p99"));
    }

    @Test
    void a_load_that_stopped_early_is_rated_over_the_part_it_covered() {
        long sent = window.sending();
        for (int i = 1; i <= 10; i++) {
            clock.set(7 * SECOND + i * SECOND / 10);
            window.answered(sent, true);
        }

        assertEquals(10.0, window.perSecond(), 1e-9);
    }

    @Test
    void nothing_counted_is_no_rate() {
        window.answered(window.sending(), true);

        assertTrue(Double.isNaN(window.perSecond()));
        assertEquals("NaN", window.describe("deposits").getProperty("depositsPerSecond"));
    }
}
