package io.ledgerflow.events.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The canonical encoding is written straight to its output; these properties hold it to the bytes of the encoding it
 * replaced (a sorted copy of the tree, written by Jackson), which every stored chain link was computed with.
 */
class CanonicalJsonProperties {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Property(tries = 1000)
    void encodes_any_json_value_to_the_bytes_of_a_sorted_copy_written_by_jackson(@ForAll("values") JsonNode value)
            throws Exception {
        assertThat(new String(CanonicalJson.encode(value), StandardCharsets.UTF_8))
                .isEqualTo(new String(sortedCopyWrittenByJackson(value), StandardCharsets.UTF_8));
    }

    @Property(tries = 500)
    void links_any_event_as_the_sha256_of_the_previous_link_and_its_covered_members_sorted(
            @ForAll("objects") JsonNode payload, @ForAll("objects") JsonNode metadata,
            @ForAll("texts") String aggregateId, @ForAll long position) throws Exception {
        AuditedEvent event = new AuditedEvent(position, "e-" + position, "io.ledgerflow.transfer.TransferPosted.v1",
                "1", "transfer", aggregateId, position & 0xffff, "2026-12-04T02:00:00.123456Z", "ops", null, null,
                null, payload, metadata, null);
        String previous = HashChain.link(HashChain.GENESIS, event);

        byte[] reference = referenceCanonical(event);
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update(HexFormat.of().parseHex(previous));
        sha256.update(reference);

        assertThat(HashChain.canonical(event)).isEqualTo(reference);
        assertThat(HashChain.link(previous, event)).isEqualTo(HexFormat.of().formatHex(sha256.digest()));
    }

    /**
     * The bytes api.md gives an auditor to rebuild the chain with: a character above U+FFFF as its two surrogates
     * escaped in upper-case hex, other non-ASCII as UTF-8, {@code /} as it is, members in UTF-16 order (U+1F600's
     * high surrogate, D83D, sorts before U+FB01, though its code point is above it).
     */
    @Example
    void escapes_exactly_what_the_docs_say_and_sorts_names_by_utf16_code_units() throws Exception {
        ObjectNode value = NODES.objectNode();
        value.put("\uFB01", "caf\u00e9 \\ / \" \t\u0001\u007f");
        value.put("\uD83D\uDE00", "\uD83D\uDCB8");

        assertThat(new String(CanonicalJson.encode(value), StandardCharsets.UTF_8)).isEqualTo(
                "{\"\\uD83D\\uDE00\":\"\\uD83D\\uDCB8\",\"\uFB01\":\"caf\u00e9 \\\\ / \\\" \\t\\u0001\u007f\"}");
    }

    @Example
    void an_event_without_metadata_or_an_aggregate_id_covers_them_as_null() throws Exception {
        AuditedEvent event = new AuditedEvent(9, "e-9", "t", "1", "account", null, 0, "2026-12-04T02:00:00Z", null,
                null, null, null, JSON.readTree("{\"b\":1.50,\"a\":\"\\u00e9\\n\"}"), null, null);

        assertThat(new String(HashChain.canonical(event), StandardCharsets.UTF_8)).isEqualTo(
                "{\"aggregateId\":null,\"aggregateType\":\"account\",\"eventId\":\"e-9\",\"metadata\":null,"
                        + "\"payload\":{\"a\":\"\u00e9\\n\",\"b\":1.5},\"position\":9,\"revision\":\"1\","
                        + "\"sequence\":0,\"timestamp\":\"2026-12-04T02:00:00Z\",\"type\":\"t\"}");
        assertThat(HashChain.canonical(event)).isEqualTo(referenceCanonical(event));
    }

    /** Scalars, and arrays and objects nested up to four deep. */
    @Provide
    Arbitrary<JsonNode> values() {
        return Arbitraries.recursive(this::scalars, inner -> Arbitraries.oneOf(inner, arraysOf(inner), objectsOf(inner)),
                0, 4);
    }

    @Provide
    Arbitrary<JsonNode> objects() {
        return objectsOf(values());
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(8),
                Arbitraries.of("", "a", "A", "aa", "\u00e9", "\"", "\\", "\u0000", "\ud83d\ude00", "amount", "id"));
    }

    private Arbitrary<JsonNode> objectsOf(Arbitrary<JsonNode> members) {
        return Arbitraries.maps(texts(), members).ofMaxSize(5).map(named -> {
            ObjectNode object = NODES.objectNode();
            named.forEach(object::set);
            return object;
        });
    }

    private static Arbitrary<JsonNode> arraysOf(Arbitrary<JsonNode> elements) {
        return elements.list().ofMaxSize(4).map(list -> {
            ArrayNode array = NODES.arrayNode();
            list.forEach(array::add);
            return array;
        });
    }

    private Arbitrary<JsonNode> scalars() {
        return Arbitraries.oneOf(
                texts().map(NODES::textNode),
                Arbitraries.integers().map(NODES::numberNode),
                Arbitraries.longs().map(NODES::numberNode),
                Arbitraries.bigIntegers().between(BigInteger.TEN.pow(20).negate(), BigInteger.TEN.pow(20))
                        .map(NODES::numberNode),
                Arbitraries.doubles().map(NODES::numberNode),
                Arbitraries.bigDecimals().ofScale(4).map(NODES::numberNode),
                Arbitraries.of(true, false).map(NODES::booleanNode),
                Arbitraries.just(NODES.nullNode()));
    }

    /** The encoding as it was before it was streamed: a copy with sorted members, written by Jackson. */
    private static byte[] sortedCopyWrittenByJackson(JsonNode value) throws Exception {
        return JSON.writeValueAsBytes(sortedCopy(value));
    }

    private static byte[] referenceCanonical(AuditedEvent event) throws Exception {
        ObjectNode covered = NODES.objectNode()
                .put("aggregateId", event.aggregateId())
                .put("aggregateType", event.aggregateType())
                .put("eventId", event.eventId())
                .put("position", event.position())
                .put("revision", event.revision())
                .put("sequence", event.sequence())
                .put("timestamp", event.timestamp())
                .put("type", event.type());
        covered.set("metadata", event.metadata());
        covered.set("payload", event.payload());
        return sortedCopyWrittenByJackson(covered);
    }

    private static JsonNode sortedCopy(JsonNode value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value.isObject()) {
            List<String> names = new ArrayList<>();
            Iterator<String> fields = value.fieldNames();
            fields.forEachRemaining(names::add);
            names.sort(null);
            ObjectNode result = NODES.objectNode();
            for (String name : names) {
                result.set(name, sortedCopy(value.get(name)));
            }
            return result;
        }
        if (value.isArray()) {
            ArrayNode result = NODES.arrayNode();
            value.forEach(element -> result.add(sortedCopy(element)));
            return result;
        }
        return value;
    }

}
