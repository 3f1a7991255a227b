package io.ledgerflow.command.audit.chain.anchor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerflow.command.audit.chain.ChainLinks;
import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.events.audit.AnchorKeys;
import io.ledgerflow.events.audit.ChainAnchor;
import io.ledgerflow.testkit.EmbeddedInfrastructure;
import io.ledgerflow.testkit.http.Api;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/** Anchors every 300 ms, signed with a key configured as PEM text, published to a topic of this class's own. */
@DirtiesContext // a configuration no other class shares: closed when the class ends, not at the JVM's exit
@TestPropertySource(properties = "ledgerflow.audit.anchors.interval=300ms")
class ChainAnchorsTest extends CommandServiceTest {

    static final String ANCHOR_TOPIC = "ledger.audit-anchors.test." + UUID.randomUUID();
    static final KeyPair KEY = ed25519();

    @DynamicPropertySource
    static void anchorKey(DynamicPropertyRegistry registry) {
        registry.add("ledgerflow.audit.anchors.topic", () -> ANCHOR_TOPIC);
        registry.add("ledgerflow.audit.anchors.private-key", () -> AnchorKeys.privateKeyPem(KEY.getPrivate()));
    }

    @Autowired
    ChainLinks links;

    Api auditor;

    @BeforeEach
    void auditor() {
        auditor = anonymous.as(tokenFor("auditor"));
    }

    @Test
    void the_head_is_anchored_stored_published_served_and_verifies_with_the_served_key() {
        String account = openAccount("USD");
        deposit(account, unique("dep"), 500);
        long last = storedEventsUpTo();

        ChainAnchor served = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> anchors("").stream().filter(a -> a.position() >= last).findFirst().orElse(null),
                        anchor -> anchor != null);
        JsonNode page = auditor.get("/api/v1/audit/chain/anchors").json();

        assertThat(page.path("algorithm").asText()).isEqualTo("Ed25519");
        assertThat(page.path("publicKey").asText()).isEqualTo(AnchorKeys.publicKeyPem(KEY.getPublic()));
        assertThat(page.path("keyId").asText()).isEqualTo(AnchorKeys.keyId(KEY.getPublic())).isEqualTo(served.keyId());
        assertThat(served.headHash()).isEqualTo(links.at(served.position()).orElseThrow());
        assertThat(served.isSignedBy(AnchorKeys.publicKey(page.path("publicKey").asText()))).isTrue();
        assertThat(anchors("")).allSatisfy(anchor -> assertThat(anchor.isSignedBy(KEY.getPublic())).isTrue())
                .extracting(ChainAnchor::position).isSorted().doesNotHaveDuplicates();
        assertThat(jdbc.queryForObject("select count(*) from audit_chain_anchor where position = ?", Long.class,
                served.position())).isOne();

        Map<String, String> published = publishedAnchors(served.position());
        assertThat(readAnchor(published.get(Long.toString(served.position())))).isEqualTo(served);
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "select published_at is not null from audit_chain_anchor where position = ?", Boolean.class,
                served.position()));
    }

    @Test
    void a_forged_anchor_does_not_verify() throws GeneralSecurityException {
        ChainAnchor genuine = anyAnchor();

        assertThat(genuine.isSignedBy(KEY.getPublic())).isTrue();
        assertThat(new ChainAnchor(genuine.position(), "f".repeat(64), genuine.signedAt(), genuine.keyId(),
                genuine.signature()).isSignedBy(KEY.getPublic())).as("another head hash").isFalse();
        assertThat(new ChainAnchor(genuine.position() + 1, genuine.headHash(), genuine.signedAt(), genuine.keyId(),
                genuine.signature()).isSignedBy(KEY.getPublic())).as("another position").isFalse();
        KeyPair forger = ed25519();
        ChainAnchor forged = ChainAnchor.sign(genuine.position(), genuine.headHash(), genuine.signedAt(), genuine.keyId(),
                forger.getPrivate());
        assertThat(forged.isSignedBy(KEY.getPublic())).as("signed by another key").isFalse();
    }

    @Test
    void the_signature_verifies_with_the_openssl_command_line_and_a_forgery_does_not(@TempDir Path dir)
            throws Exception {
        assumeThat(openssl("version").exit()).as("openssl is not installed: the auditor's recipe cannot be run here")
                .isZero();
        ChainAnchor anchor = anyAnchor();
        Files.writeString(dir.resolve("pub.pem"), auditor.get("/api/v1/audit/chain/anchors").json()
                .path("publicKey").asText());
        Files.write(dir.resolve("content"), anchor.signedContent());
        Files.write(dir.resolve("sig"), Base64.getDecoder().decode(anchor.signature()));
        Files.write(dir.resolve("forged"), ChainAnchor.content(anchor.position(), "0".repeat(64), anchor.signedAt()));

        Result genuine = openssl(dir, "pkeyutl", "-verify", "-pubin", "-inkey", "pub.pem", "-rawin", "-in", "content",
                "-sigfile", "sig");
        Result forged = openssl(dir, "pkeyutl", "-verify", "-pubin", "-inkey", "pub.pem", "-rawin", "-in", "forged",
                "-sigfile", "sig");

        assertThat(genuine.exit()).as(genuine.output()).isZero();
        assertThat(genuine.output()).contains("Signature Verified Successfully");
        assertThat(forged.exit()).as(forged.output()).isNotZero();
    }

    @Test
    void pages_follow_the_cursor_and_bad_parameters_are_400() {
        anyAnchor();
        String account = openAccount("USD");
        long last = storedEventsUpTo();
        await().atMost(Duration.ofSeconds(30)).until(() -> anchors("").stream().anyMatch(a -> a.position() >= last));
        List<ChainAnchor> all = anchors("?limit=1000");
        assertThat(all.size()).isGreaterThanOrEqualTo(2);

        JsonNode first = auditor.get("/api/v1/audit/chain/anchors?limit=1").json();
        assertThat(first.path("items")).hasSize(1);
        String cursor = first.path("nextCursor").asText();
        assertThat(cursor).isEqualTo(Long.toString(all.get(0).position()));
        JsonNode second = auditor.get("/api/v1/audit/chain/anchors?limit=1&after=" + cursor).json();
        assertThat(second.path("items").get(0).path("position").asLong()).isEqualTo(all.get(1).position());
        assertThat(auditor.get("/api/v1/audit/chain/anchors?after=" + all.get(all.size() - 1).position()).json()
                .path("nextCursor").isNull()).isTrue();

        for (String query : List.of("?limit=0", "?limit=1001", "?limit=x", "?after=-1", "?after=1e3")) {
            Api.Response response = auditor.get("/api/v1/audit/chain/anchors" + query);
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.code()).isEqualTo("VALIDATION_FAILED");
            assertThat(response.json().path("errors").get(0).path("field").asText()).isIn("limit", "after");
        }
        assertThat(account).isNotBlank();
    }

    private ChainAnchor anyAnchor() {
        if (storedEventsUpTo() == 0) {
            openAccount("USD");
        }
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> anchors("").stream().findFirst().orElse(null), anchor -> anchor != null);
    }

    private long storedEventsUpTo() {
        Long last = jdbc.queryForObject("select max(globalindex) from domainevententry", Long.class);
        return last == null ? 0 : last;
    }

    private List<ChainAnchor> anchors(String query) {
        Api.Response response = auditor.get("/api/v1/audit/chain/anchors" + query);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<ChainAnchor> anchors = new ArrayList<>();
        response.json().path("items").forEach(item -> anchors.add(readAnchor(item.toString())));
        return anchors;
    }

    private static ChainAnchor readAnchor(String json) {
        try {
            return new ObjectMapper().readValue(json, ChainAnchor.class);
        } catch (IOException e) {
            throw new AssertionError("not an anchor: " + json, e);
        }
    }

    /** The anchor topic's records by key, read from offset zero until {@code position} has arrived. */
    private static Map<String, String> publishedAnchors(long position) {
        Map<String, String> records = new java.util.HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedInfrastructure.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(ANCHOR_TOPIC));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    records.put(record.key(), record.value());
                }
                return records.containsKey(Long.toString(position));
            });
        }
        return records;
    }

    private record Result(int exit, String output) {
    }

    private static Result openssl(String... arguments) throws IOException, InterruptedException {
        return openssl(Path.of("."), arguments);
    }

    private static Result openssl(Path directory, String... arguments) throws InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, "timed out: " + output);
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            return new Result(-1, "cannot run openssl: " + e.getMessage());
        }
    }

    private static KeyPair ed25519() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
