package io.ledgerflow.command.messaging;

import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.testkit.EmbeddedInfrastructure;
import io.ledgerflow.testkit.http.Api;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class KafkaPublicationTest extends CommandServiceTest {

    @Test
    void every_stored_event_is_published_as_a_binary_cloudevent_keyed_by_its_aggregate() {
        String a = openAccount("USD");
        String b = openAccount("USD");
        deposit(a, unique("dep"), 10_000);
        String transferId = unique("t");
        transfer(transferId, a, b, 2_500, "USD");

        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            consumer.subscribe(List.of(TOPIC));
            // keys land on different partitions, which a consumer fetches independently: wait for both
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.stream().anyMatch(r -> r.key().equals(transferId))
                        && records.stream().filter(r -> r.key().equals(a)).count() >= 3;
            });
        }

        ConsumerRecord<String, byte[]> posted = records.stream().filter(r -> r.key().equals(transferId)).findFirst().orElseThrow();
        assertThat(header(posted, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(posted, "ce_type")).isEqualTo("io.ledgerflow.transfer.TransferPosted.v1");
        assertThat(header(posted, "ce_source")).isEqualTo("/ledgerflow/command-service");
        assertThat(header(posted, "ce_subject")).isEqualTo(transferId);
        assertThat(header(posted, "ce_id")).isNotBlank();
        assertThat(header(posted, "ce_time")).isNotBlank();
        assertThat(header(posted, "content-type")).isEqualTo("application/json");
        assertThat(header(posted, "ce_sequence")).isEqualTo("0");
        assertThat(Long.parseLong(header(posted, "ce_position"))).isPositive();
        assertThat(header(posted, "ce_correlationid")).isNotBlank();
        assertThat(header(posted, "ce_causationid")).isNotBlank();
        assertThat(header(posted, "ce_principal")).isEqualTo("alice");
        assertThat(header(posted, "ce_clientid")).isEqualTo("alice");
        assertThat(new String(posted.value(), StandardCharsets.UTF_8)).contains("\"amount\":2500");

        List<ConsumerRecord<String, byte[]>> accountA = records.stream().filter(r -> r.key().equals(a)).toList();
        assertThat(accountA).extracting(r -> header(r, "ce_type")).containsExactly(
                "io.ledgerflow.account.AccountOpened.v1", "io.ledgerflow.account.AccountCredited.v1",
                "io.ledgerflow.account.AccountDebited.v1");
        assertThat(accountA).extracting(r -> header(r, "ce_sequence")).containsExactly("0", "1", "2");
        assertThat(accountA).extracting(ConsumerRecord::partition).containsOnly(accountA.get(0).partition());
    }

    @Test
    void account_actions_are_published_in_order_with_their_state_and_the_operator_as_principal() {
        String a = openAccount("USD");
        Api operator = anonymous.as(tokenFor("operator"));
        String path = "/api/v1/accounts/" + a;
        operator.post(path + "/freeze", "");
        operator.call("PUT", path + "/overdraft-limit", "{\"overdraftLimit\":700}", "application/json");
        operator.post(path + "/unfreeze", "");
        operator.post(path + "/close", "");
        operator.post(path + "/reopen", "");

        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            consumer.subscribe(List.of(TOPIC));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.stream().filter(r -> r.key().equals(a)).count() >= 6;
            });
        }

        List<ConsumerRecord<String, byte[]>> account = records.stream().filter(r -> r.key().equals(a)).toList();
        assertThat(account).extracting(r -> header(r, "ce_type")).containsExactly(
                "io.ledgerflow.account.AccountOpened.v1", "io.ledgerflow.account.AccountFrozen.v1",
                "io.ledgerflow.account.AccountOverdraftLimitChanged.v1", "io.ledgerflow.account.AccountUnfrozen.v1",
                "io.ledgerflow.account.AccountClosed.v1", "io.ledgerflow.account.AccountReopened.v1");
        assertThat(account).extracting(r -> header(r, "ce_sequence")).containsExactly("0", "1", "2", "3", "4", "5");
        assertThat(account.subList(1, 6)).extracting(r -> header(r, "ce_principal")).containsOnly("operator");
        assertThat(new String(account.get(2).value(), StandardCharsets.UTF_8))
                .contains("\"previousOverdraftLimit\":0", "\"status\":\"FROZEN\"", "\"overdraftLimit\":700");
    }

    @Test
    void the_three_events_of_one_transfer_share_a_correlation_id_and_their_command_as_causation() {
        String a = openAccount("USD");
        String b = openAccount("USD");
        deposit(a, unique("dep"), 100);
        String transferId = unique("t");
        transfer(transferId, a, b, 60, "USD");

        List<Map<String, Object>> rows = jdbc.queryForList("select aggregateidentifier, metadata from domainevententry "
                + "where aggregateidentifier in (?, ?, ?) order by globalindex", "transfer/" + transferId,
                "account/" + a, "account/" + b);
        List<String> metadata = rows.stream().map(r -> new String((byte[]) r.get("metadata"), StandardCharsets.UTF_8))
                .filter(m -> m.contains("causationId")).toList();
        assertThat(metadata).hasSizeGreaterThanOrEqualTo(3);
        String last = metadata.get(metadata.size() - 1);
        assertThat(metadata.subList(metadata.size() - 3, metadata.size()))
                .allMatch(m -> correlationOf(m).equals(correlationOf(last)));
    }

    private static String correlationOf(String metadataJson) {
        int start = metadataJson.indexOf("\"correlationId\":\"") + 17;
        return metadataJson.substring(start, metadataJson.indexOf('"', start));
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedInfrastructure.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer());
    }
}
