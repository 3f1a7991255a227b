package io.ledgerflow.servicekit.consistency;

import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConsistencyTokensTest {

    private final ConsistencyTokens tokens = new ConsistencyTokens("k".repeat(32).getBytes());
    private final ConsistencyToken token = new ConsistencyToken(Map.of("account/a-1", 3L, "transfer/t-1", 0L,
            "account/@world:USD", 41L));

    @Test
    void a_token_reads_back_as_issued() {
        assertThat(tokens.read(tokens.issue(token))).contains(token);
    }

    @Test
    void a_token_issued_with_another_key_or_changed_is_not_read() {
        String issued = tokens.issue(token);
        String otherKey = new ConsistencyTokens("x".repeat(32).getBytes()).issue(token);
        String body = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"account/a-1\":99}".getBytes());

        assertThat(tokens.read(otherKey)).isEmpty();
        assertThat(tokens.read(body + issued.substring(issued.indexOf('.')))).isEmpty();
        assertThat(tokens.read(issued + "x")).isEmpty();
        assertThat(tokens.read("not a token")).isEmpty();
        assertThat(tokens.read("a.b.c")).isEmpty();
        assertThat(tokens.read("")).isEmpty();
        assertThat(tokens.read("a".repeat(ConsistencyTokens.MAX_LENGTH + 1))).isEmpty();
    }

    @Test
    void merging_keeps_the_newer_sequence_of_each_stream() {
        ConsistencyToken merged = token.merge(new ConsistencyToken(Map.of("account/a-1", 2L, "account/b-2", 7L)));

        assertThat(merged.streams()).containsExactlyInAnyOrderEntriesOf(Map.of("account/a-1", 3L, "transfer/t-1", 0L,
                "account/@world:USD", 41L, "account/b-2", 7L));
    }

    @Test
    void only_account_and_transfer_streams_with_sequences_make_a_token() {
        assertThatThrownBy(() -> new ConsistencyToken(Map.of("ledger/x", 1L))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ConsistencyToken(Map.of("account/a-1", -1L)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ConsistencyTokens(new byte[31])).isInstanceOf(IllegalArgumentException.class);
    }
}
