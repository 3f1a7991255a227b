package io.ledgerflow.servicekit.web;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemsTest {

    @Test
    void a_problem_is_titled_by_its_code_whoever_built_it() {
        ProblemDetail ours = Problems.of(HttpStatus.NOT_FOUND, "ACCOUNT_NOT_FOUND", "account a does not exist");
        ProblemDetail springs = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY, "no such account");
        springs.setTitle("Unprocessable Entity");

        Problems.withCode(springs, "ACCOUNT_NOT_FOUND");

        assertThat(ours.getTitle()).isEqualTo("Account not found");
        assertThat(springs.getTitle()).isEqualTo("Account not found");
        assertThat(springs.getType()).isEqualTo(ours.getType())
                .isEqualTo(URI.create("https://ledgerflow.io/problems/account-not-found"));
    }

    @Test
    void a_code_already_set_decides_type_and_title() {
        ProblemDetail validation = Problems.validation(java.util.List.of(), "bad");
        validation.setProperty("code", "INVALID_AMOUNT");
        validation.setType(null);

        Problems.withCode(validation, "VALIDATION_FAILED");

        assertThat(validation.getTitle()).isEqualTo("Invalid amount");
        assertThat(validation.getType()).isEqualTo(URI.create("https://ledgerflow.io/problems/invalid-amount"));
    }

    @Test
    void titles_read_as_words() {
        assertThat(Problems.titleOf("VALIDATION_FAILED")).isEqualTo("Validation failed");
        assertThat(Problems.titleOf("NOT_FOUND")).isEqualTo("Not found");
        assertThat(Problems.titleOf("IDEMPOTENCY_KEY_REUSED")).isEqualTo("Idempotency key reused");
        assertThat(Problems.titleOf("")).isEqualTo("Error");
    }
}
