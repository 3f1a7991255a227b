package io.ledgerflow.query.web;

import com.mongodb.MongoTimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/** An unreachable projection store is "not now": 503 with a stable code and a time to come back. */
class StoreUnavailableAnswerTest {

    @Test
    void an_unreachable_store_answers_503_service_unavailable_with_retry_after() {
        ResponseEntity<ProblemDetail> answer = new ApiExceptionHandler()
                .storeUnavailable(new MongoTimeoutException("no primary within 30000 ms"));

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("5");
        assertThat(answer.getBody()).isNotNull();
        assertThat(answer.getBody().getProperties()).containsEntry("code", "SERVICE_UNAVAILABLE");
    }
}
