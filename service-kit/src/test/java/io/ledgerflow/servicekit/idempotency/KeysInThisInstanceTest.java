package io.ledgerflow.servicekit.idempotency;

import io.ledgerflow.servicekit.idempotency.KeysInThisInstance.KeyId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KeysInThisInstanceTest {

    private final KeysInThisInstance here = new KeysInThisInstance(2, 3);
    private final KeyId alicesKey = new KeyId("alice", "k1");
    private final KeyId bobsKey = new KeyId("bob", "k1");
    private final KeyId alicesOtherKey = new KeyId("alice", "k2");

    @Test
    void at_most_per_key_requests_wait_for_one_key_and_a_place_freed_is_taken_again() {
        assertThat(here.startWaiting(alicesKey)).isTrue();
        assertThat(here.startWaiting(alicesKey)).isTrue();
        assertThat(here.startWaiting(alicesKey)).isFalse();
        assertThat(here.startWaiting(bobsKey)).as("the same key of another caller").isTrue();

        here.stopWaiting(alicesKey);

        assertThat(here.startWaiting(alicesKey)).isTrue();
    }

    @Test
    void at_most_total_requests_wait_for_all_keys_and_a_refusal_for_one_key_takes_no_place() {
        assertThat(here.startWaiting(alicesKey)).isTrue();
        assertThat(here.startWaiting(alicesKey)).isTrue();
        assertThat(here.startWaiting(alicesKey)).isFalse();
        assertThat(here.startWaiting(bobsKey)).isTrue();
        assertThat(here.startWaiting(alicesOtherKey)).as("three wait already").isFalse();

        here.stopWaiting(bobsKey);

        assertThat(here.startWaiting(new KeyId("carol", "k3"))).isTrue();
    }

    @Test
    void one_caller_waits_in_at_most_a_quarter_of_the_places_so_another_callers_retry_still_waits() {
        KeysInThisInstance sixteen = new KeysInThisInstance(2, 16);
        for (String key : new String[] {"k1", "k2"}) {
            assertThat(sixteen.startWaiting(new KeyId("mallory", key))).isTrue();
            assertThat(sixteen.startWaiting(new KeyId("mallory", key))).isTrue();
        }

        assertThat(sixteen.startWaiting(new KeyId("mallory", "k3"))).as("mallory's four places are taken").isFalse();
        assertThat(sixteen.startWaiting(alicesKey)).isTrue();

        sixteen.stopWaiting(new KeyId("mallory", "k1"));
        assertThat(sixteen.startWaiting(new KeyId("mallory", "k3"))).isTrue();
    }

    @Test
    void a_key_counts_as_executing_here_until_each_request_executing_under_it_has_finished() {
        here.executing(alicesKey);
        here.executing(alicesKey); // one took it over from the other (abandon-after)

        here.finished(alicesKey);
        assertThat(here.isExecuting(alicesKey)).isTrue();
        assertThat(here.isExecuting(bobsKey)).isFalse();

        here.finished(alicesKey);
        assertThat(here.isExecuting(alicesKey)).isFalse();
    }
}
