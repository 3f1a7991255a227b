package io.ledgerflow.query.web;

import com.mongodb.MongoConnectionPoolClearedException;
import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import io.ledgerflow.servicekit.web.ProblemExceptionHandler;
import io.ledgerflow.servicekit.web.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The read side's own failures, on top of what every service answers (see {@link ProblemExceptionHandler}). */
@RestControllerAdvice
public class ApiExceptionHandler extends ProblemExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);
    /** MongoDB's server selection waits for a primary for seconds, not milliseconds: come back after a few. */
    private static final String RETRY_AFTER_SECONDS = "5";

    @ExceptionHandler(ResourceNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(ResourceNotFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(Problems.of(HttpStatus.NOT_FOUND, e.code(), e.getMessage()));
    }

    @ExceptionHandler(RequestValidationException.class)
    ResponseEntity<ProblemDetail> invalid(RequestValidationException e) {
        return ResponseEntity.badRequest().body(Problems.validation(e.violations(), e.getMessage()));
    }

    @ExceptionHandler(KafkaUnavailableException.class)
    ResponseEntity<ProblemDetail> kafkaUnavailable(KafkaUnavailableException e) {
        log.warn("Kafka unavailable: {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE,
                "SERVICE_UNAVAILABLE", "Kafka did not answer in time; try again"));
    }

    /** A list read ran past {@code ledgerflow.mongodb.read-max-time} ({@code ReadTimeLimit}); MongoDB stopped it. */
    @ExceptionHandler(MongoExecutionTimeoutException.class)
    ResponseEntity<ProblemDetail> readTooLong(MongoExecutionTimeoutException e) {
        log.warn("A read ran past its time limit: {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "SERVICE_UNAVAILABLE",
                        "The read ran longer than its time limit; narrow it (accountId, from, to) or try again"));
    }

    /** A pool cleared after a failed operation fails the operations waiting on it: MongoDB hiccuped, not a bug. */
    @ExceptionHandler({MongoTimeoutException.class, MongoSocketException.class,
            MongoConnectionPoolClearedException.class})
    ResponseEntity<ProblemDetail> storeUnavailable(RuntimeException e) {
        log.warn("Projection store unavailable: {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE,
                "SERVICE_UNAVAILABLE", "The projection store is unavailable; try again"));
    }
}
