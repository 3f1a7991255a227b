package io.ledgerflow.servicekit.consistency;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConsistencyTokensTest {

    private final ConsistencyTokens tokens = new ConsistencyTokens("k".repeat(32).getBytes());
    private final ConsistencyToken token = new ConsistencyToken(Map.of("account/a-1", 3L, "transfer/t-1", 0L,
            "account/@world:USD", 41L));

    @Test
    void a_token_reads_back_as_issued() {
        assertThat(tokens.read(tokens.issue(token))).contains(token);
        assertThat(tokens.read(tokens.issue(new ConsistencyToken(Map.of())))).contains(new ConsistencyToken(Map.of()));
    }

    @Test
    void a_token_issued_with_another_key_or_changed_is_not_read() {
        String issued = tokens.issue(token);
        byte[] raw = Base64.getUrlDecoder().decode(issued);
        raw[raw.length / 2] ^= 1;
        String flipped = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);

        assertThat(tokens.read(new ConsistencyTokens("x".repeat(32).getBytes()).issue(token))).isEmpty();
        assertThat(tokens.read(flipped)).isEmpty();
        assertThat(tokens.read(issued.substring(0, issued.length() - 2))).isEmpty();
        assertThat(tokens.read(issued + "x")).isEmpty();
        assertThat(tokens.read("not a token")).isEmpty();
        assertThat(tokens.read("a.b")).isEmpty();
        assertThat(tokens.read("")).isEmpty();
        assertThat(tokens.read("a".repeat(ConsistencyTokens.MAX_LENGTH + 1))).isEmpty();
    }

    @Test
    void a_token_shows_neither_the_streams_nor_their_sequences() {
        String issued = tokens.issue(token);
        String decoded = new String(Base64.getUrlDecoder().decode(issued), StandardCharsets.ISO_8859_1);

        assertThat(decoded).doesNotContain("a-1").doesNotContain("t-1").doesNotContain("world");
        assertThat(tokens.issue(token)).as("a fresh nonce each time").isNotEqualTo(issued);
    }

    @Test
    void a_tokens_length_depends_on_the_stream_ids_only_not_on_how_far_the_streams_are() {
        ConsistencyToken young = new ConsistencyToken(Map.of("account/bob-1", 0L, "transfer/t-1", 0L));
        ConsistencyToken busy = new ConsistencyToken(Map.of("account/bob-1", 123_456_789_012L, "transfer/t-1", 1L));

        assertThat(tokens.issue(busy)).hasSameSizeAs(tokens.issue(young));
    }

    @Test
    void merging_keeps_the_newer_sequence_of_each_stream() {
        ConsistencyToken merged = token.merge(new ConsistencyToken(Map.of("account/a-1", 2L, "account/b-2", 7L)));

        assertThat(merged.streams()).containsExactlyInAnyOrderEntriesOf(Map.of("account/a-1", 3L, "transfer/t-1", 0L,
                "account/@world:USD", 41L, "account/b-2", 7L));
    }

    @Test
    void the_largest_token_fits_the_length_a_reader_accepts() {
        Map<String, Long> streams = new java.util.HashMap<>();
        for (int i = 0; i < ConsistencyToken.MAX_STREAMS; i++) {
            streams.put("transfer/" + String.format("%064d", i), Long.MAX_VALUE);
        }
        ConsistencyToken largest = new ConsistencyToken(streams);

        assertThat(tokens.read(tokens.issue(largest))).contains(largest);
    }

    @Test
    void only_account_and_transfer_streams_with_sequences_make_a_token() {
        assertThatThrownBy(() -> new ConsistencyToken(Map.of("ledger/x", 1L))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ConsistencyToken(Map.of("account/a-1", -1L)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ConsistencyTokens(new byte[31])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tokens_issued_and_read_on_many_threads_at_once_each_read_back_as_issued_even_after_a_refused_one()
            throws Exception {
        ConsistencyTokens tokens = new ConsistencyTokens(new byte[32]);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                ConsistencyToken token = new ConsistencyToken(Map.of("account/acc-" + i, (long) i));
                results.add(threads.submit(() -> {
                    String issued = tokens.issue(token);
                    byte[] tampered = Base64.getUrlDecoder().decode(issued);
                    tampered[tampered.length - 1] ^= 1;
                    boolean refused = tokens.read(Base64.getUrlEncoder().withoutPadding().encodeToString(tampered))
                            .isEmpty();
                    return refused && tokens.read(issued).equals(Optional.of(token));
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
