package io.ledgerflow.query.stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.web.HttpMediaTypeNotAcceptableException;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StreamAcceptTest {

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "text/event-stream", "*/*", "text/*", "application/json, text/event-stream",
            "text/event-stream;q=0.1", "text/*;q=0, text/event-stream", "*/*;q=0.5, application/xml"})
    void takes_an_accept_that_allows_the_stream(String accept) {
        assertThatCode(() -> StreamAccept.require(accept)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/xml", "application/json", "text/plain", "text/event-stream;q=0",
            "text/event-stream;q=0, */*", "text/*;q=0, */*", "*/*;q=0", "not a media type", ";"})
    void refuses_an_accept_that_excludes_it(String accept) {
        assertThatThrownBy(() -> StreamAccept.require(accept)).isInstanceOf(HttpMediaTypeNotAcceptableException.class);
    }

    @Test
    void takes_no_accept_at_all() {
        assertThatCode(() -> StreamAccept.require(null)).doesNotThrowAnyException();
    }
}
