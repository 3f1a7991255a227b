package io.ledgerflow.servicekit.idempotency;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The characters an HTTP client test cannot send (non-ASCII, DEL, a repeated header). */
class IdempotencyKeyHeaderTest {

    @Test
    void only_one_header_of_visible_ascii_characters_is_a_key() {
        assertThat(IdempotencyKeyHeader.problemWith(List.of("order-42:retry~1"))).isEmpty();
        assertThat(IdempotencyKeyHeader.problemWith(List.of("caf\u00e9"))).isPresent();
        assertThat(IdempotencyKeyHeader.problemWith(List.of("del\u007f"))).isPresent();
        assertThat(IdempotencyKeyHeader.problemWith(List.of("a", "b"))).isPresent();
        assertThat(IdempotencyKeyHeader.problemWith(List.of("x".repeat(255)))).isEmpty();
        assertThat(IdempotencyKeyHeader.problemWith(List.of("x".repeat(256)))).isPresent();
    }
}
