package io.ledgerflow.events.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerflow.events.transfer.TransferKind;
import io.ledgerflow.events.transfer.TransferRejected;
import io.ledgerflow.events.transfer.TransferTerms;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A refused hold keeps what it asked for; a single-phase rejection's JSON is what it always was. */
class TransferRejectedJsonTest {

    private static final ObjectMapper JSON = CloudEventCodec.defaultMapper();
    private static final TransferTerms TERMS = new TransferTerms(TransferKind.TRANSFER, "acc-1", "acc-2", 2500, "USD",
            null, Map.of());

    @Test
    void a_refused_hold_carries_pending_and_its_timeout_and_reads_back() throws Exception {
        TransferRejected hold = new TransferRejected("t-1", TERMS, "INSUFFICIENT_FUNDS", "none left", true, 60L);

        JsonNode json = JSON.readTree(JSON.writeValueAsString(hold));

        assertThat(json.get("pending").asBoolean()).isTrue();
        assertThat(json.get("timeoutSeconds").asLong()).isEqualTo(60);
        assertThat(JSON.treeToValue(json, TransferRejected.class)).isEqualTo(hold);
    }

    @Test
    void a_single_phase_rejection_writes_neither_field_and_an_old_event_reads_as_single_phase() throws Exception {
        TransferRejected single = new TransferRejected("t-2", TERMS, "ACCOUNT_FROZEN", "frozen");

        JsonNode json = JSON.readTree(JSON.writeValueAsString(single));

        assertThat(json.has("pending")).isFalse();
        assertThat(json.has("timeoutSeconds")).isFalse();
        assertThat(JSON.treeToValue(json, TransferRejected.class)).isEqualTo(single)
                .extracting(TransferRejected::pending, TransferRejected::timeoutSeconds).containsExactly(false, null);
    }
}
