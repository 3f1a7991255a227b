package io.ledgerflow.command.model;

import io.ledgerflow.command.model.LedgerCommand.Move;
import io.ledgerflow.command.model.LedgerCommand.Open;
import io.ledgerflow.command.model.LedgerCommand.Who;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rejected hold is sticky like any rejected transfer: the same request again gets the same rejection, not a 409
 * naming {@code pending} (found by {@link LedgerModelProperties}).
 */
class RejectedHoldRetryTest {

    @Test
    void a_rejected_hold_retried_with_the_same_fields_gets_the_same_rejection() {
        try (AxonLedger ledger = new AxonLedger(Instant.parse("2030-01-01T00:00:00Z"))) {
            ledger.execute(new Open("a", "alice", "USD", 0));
            ledger.execute(new Open("b", "bob", "USD", 0));
            Move hold = new Move("t-1", Who.OPS, "a", "b", 100, "USD", null, true, 60L);

            assertThat(ledger.execute(hold)).isEqualTo("REJECTED:INSUFFICIENT_FUNDS");
            assertThat(ledger.execute(hold)).isEqualTo("REJECTED_AGAIN:INSUFFICIENT_FUNDS");
            assertThat(ledger.execute(new Move("t-1", Who.OPS, "a", "b", 100, "USD", null, false, null)))
                    .isEqualTo("ID_ALREADY_FAILED[pending, timeoutSeconds]:INSUFFICIENT_FUNDS");
            assertThat(ledger.view().transfers().get("t-1").pending()).isTrue();
            assertThat(ledger.view().transfers().get("t-1").timeoutSeconds()).isEqualTo(60L);
        }
    }
}
