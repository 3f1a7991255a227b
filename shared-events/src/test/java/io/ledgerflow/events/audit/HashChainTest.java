package io.ledgerflow.events.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class HashChainTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void canonical_encoding_sorts_members_at_every_depth_and_drops_whitespace() throws Exception {
        JsonNode payload = JSON.readTree("{ \"b\": 1, \"a\": {\"z\": [ {\"y\":2, \"x\":1} ], \"c\": null } }");

        assertThat(new String(CanonicalJson.encode(payload), StandardCharsets.UTF_8))
                .isEqualTo("{\"a\":{\"c\":null,\"z\":[{\"x\":1,\"y\":2}]},\"b\":1}");
    }

    @Test
    void the_same_event_written_by_two_parties_links_the_same() throws Exception {
        AuditedEvent stored = event(7, "{\"accountId\":\"a-1\",\"amount\":250}");
        AuditedEvent exported = event(7, "{ \"amount\" : 250, \"accountId\" : \"a-1\" }");

        assertThat(HashChain.link(HashChain.GENESIS, exported)).isEqualTo(HashChain.link(HashChain.GENESIS, stored));
    }

    @Test
    void a_link_is_sha256_of_the_previous_link_and_the_canonical_event() throws Exception {
        AuditedEvent event = event(1, "{\"amount\":1}");
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update(new byte[32]);
        sha256.update(HashChain.canonical(event));

        assertThat(HashChain.link(HashChain.GENESIS, event)).isEqualTo(HexFormat.of().formatHex(sha256.digest()));
        assertThat(new String(HashChain.canonical(event), StandardCharsets.UTF_8)).isEqualTo(
                "{\"aggregateId\":\"a-1\",\"aggregateType\":\"account\",\"eventId\":\"e-1\",\"metadata\":"
                        + "{\"principal\":\"ops\"},\"payload\":{\"amount\":1},\"position\":1,\"revision\":\"1\","
                        + "\"sequence\":0,\"timestamp\":\"2026-12-01T10:00:00Z\","
                        + "\"type\":\"io.ledgerflow.account.AccountCredited.v1\"}");
    }

    @Test
    void any_change_to_a_covered_field_or_to_the_previous_link_changes_the_link() throws Exception {
        AuditedEvent event = event(3, "{\"amount\":250}");
        String link = HashChain.link(HashChain.GENESIS, event);

        assertThat(HashChain.link(HashChain.GENESIS, event(3, "{\"amount\":251}"))).isNotEqualTo(link);
        assertThat(HashChain.link(HashChain.GENESIS, event(4, "{\"amount\":250}"))).isNotEqualTo(link);
        assertThat(HashChain.link(link, event)).isNotEqualTo(link);
        assertThat(HashChain.link(HashChain.GENESIS, event.withHash("ignored"))).isEqualTo(link);
        assertThat(HashChain.isLink(link)).isTrue();
        assertThat(HashChain.isLink(link.toUpperCase())).isFalse();
    }

    static AuditedEvent event(long position, String payload) throws Exception {
        return new AuditedEvent(position, "e-1", "io.ledgerflow.account.AccountCredited.v1", "1", "account", "a-1", 0,
                "2026-12-01T10:00:00Z", "ops", null, null, null, JSON.readTree(payload),
                JSON.readTree("{\"principal\":\"ops\"}"), null);
    }
}
