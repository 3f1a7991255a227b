package io.ledgerflow.query.web;

import com.mongodb.MongoConnectionPoolClearedException;
import com.mongodb.MongoSocketReadTimeoutException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ServerAddress;
import com.mongodb.connection.ClusterId;
import com.mongodb.connection.ServerId;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.method.annotation.ExceptionHandlerMethodResolver;

import java.lang.reflect.Method;

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

    /**
     * A probe saw 500s while MongoDB dropped connections: the driver fails the operations queued on a pool it cleared
     * with an exception that is neither a timeout nor a socket failure.
     */
    @Test
    void each_way_the_driver_says_the_store_is_out_of_reach_is_routed_to_the_503() {
        ExceptionHandlerMethodResolver resolver = new ExceptionHandlerMethodResolver(ApiExceptionHandler.class);
        ServerId server = new ServerId(new ClusterId(), new ServerAddress("127.0.0.1", 27017));

        for (Exception failure : new Exception[] {new MongoTimeoutException("no primary"),
                new MongoSocketReadTimeoutException("no answer", server.getAddress(), new RuntimeException()),
                new MongoConnectionPoolClearedException(server, new RuntimeException("another operation failed"))}) {
            Method handler = resolver.resolveMethodByThrowable(failure);

            assertThat(handler).as(failure.getClass().getSimpleName()).isNotNull();
            assertThat(handler.getName()).as(failure.getClass().getSimpleName()).isEqualTo("storeUnavailable");
        }
    }
}
