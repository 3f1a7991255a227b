package io.ledgerflow.query.stream;

import io.ledgerflow.query.web.RequestValidationException;
import io.ledgerflow.servicekit.web.FieldViolation;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class StreamFilterTest {

    @Test
    void kinds_are_event_types_and_aggregate_words_in_any_case() {
        StreamFilter filter = StreamFilter.parse(null, "transfer, accountcredited,AccountOpened");

        assertThat(filter.kinds()).containsExactlyInAnyOrder("transfer", "AccountCredited", "AccountOpened");
        assertThat(StreamFilter.parse("@world:USD", " ").accountId()).isEqualTo("@world:USD");
        assertThat(StreamFilter.parse("@world:USD:7", null).accountId()).isEqualTo("@world:USD:7");
        assertThat(StreamFilter.parse("acc:1.x-y", null).accountId()).isEqualTo("acc:1.x-y");
        assertThat(StreamFilter.parse("", null)).isEqualTo(new StreamFilter(null, Set.of()));
    }

    @Test
    void an_unknown_kind_or_a_malformed_account_id_is_a_validation_failure() {
        for (String kind : List.of("Bogus", "transfer,", ",", "TransferPosted\u0000", "\taccount", "TransferPosted.v1",
                "io.ledgerflow.transfer.TransferPosted", "accounts", "{\"$ne\":null}", "x".repeat(1_001))) {
            assertThat(violations(null, kind)).as(kind).extracting(FieldViolation::field).containsExactly("kind");
        }
        for (String accountId : List.of("a/b", "x".repeat(65), "{\"$gt\":\"\"}", "a\u0000", "a,b", "@@world",
                "@world:USD:9", "@world:usd", "@world:USD:", "@acc-1", "@world:USD:0:1")) {
            assertThat(violations(accountId, null)).as(accountId).extracting(FieldViolation::field)
                    .containsExactly("accountId");
        }
        assertThat(violations("a b", "nope")).extracting(FieldViolation::field).containsExactly("accountId", "kind");
    }

    private static List<FieldViolation> violations(String accountId, String kind) {
        try {
            StreamFilter.parse(accountId, kind);
        } catch (RequestValidationException e) {
            return e.violations();
        }
        throw new AssertionError("accepted: accountId=" + accountId + " kind=" + kind);
    }
}
