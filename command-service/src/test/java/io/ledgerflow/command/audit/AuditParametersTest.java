package io.ledgerflow.command.audit;

import io.ledgerflow.servicekit.web.ApiProblem;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuditParametersTest {

    /** Only 18 digits are read: an unbounded count (the NDJSON export's limit) names that bound, not Long.MAX_VALUE. */
    @Test
    void a_count_past_eighteen_digits_is_refused_naming_the_bound_that_holds() {
        AuditParameters parameters = new AuditParameters();

        assertThat(parameters.count("limit", "999999999999999999", 0, Long.MAX_VALUE)).isEqualTo(999_999_999_999_999_999L);
        assertThat(parameters.count("limit", "9223372036854775807", 7, Long.MAX_VALUE)).isEqualTo(7);

        assertThatThrownBy(parameters::requireValid).isInstanceOfSatisfying(ApiProblem.class, problem ->
                assertThat(problem.getMessage()).contains("limit must be an integer from 1 to 999999999999999999"));
    }

    @Test
    void a_bounded_count_names_its_own_bound() {
        AuditParameters parameters = new AuditParameters();

        parameters.count("limit", "1001", 100, 1_000);

        assertThatThrownBy(parameters::requireValid).isInstanceOfSatisfying(ApiProblem.class, problem ->
                assertThat(problem.getMessage()).contains("limit must be an integer from 1 to 1000"));
    }
}
