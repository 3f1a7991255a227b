package io.ledgerflow.benchmarks;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where events are between the two services, from their actuator metrics (admin token): records the
 * command-service's Kafka producer has sent, and records the query-service's consumers have fetched. Absent when
 * the metrics cannot be read (another issuer, metrics not exposed).
 */
final class PipelineCounters {

    private static final Pattern VALUE = Pattern.compile("\"value\"\\s*:\\s*([0-9.Ee+-]+)");

    private final Targets targets;
    private final String adminToken;

    PipelineCounters(Targets targets, String adminToken) {
        this.targets = targets;
        this.adminToken = adminToken;
    }

    static PipelineCounters tryCreate(Targets targets) {
        try {
            return new PipelineCounters(targets, Tokens.clientCredentials(targets.token(), "admin"));
        } catch (RuntimeException e) {
            System.out.println("pipeline counters unavailable: " + e.getMessage());
            return new PipelineCounters(targets, null);
        }
    }

    record Reading(long published, long consumed) {
    }

    /** Both counters, or null when either cannot be read. */
    Reading read() {
        OptionalLong published = metric(targets.command(), "kafka.producer.record.send.total");
        OptionalLong consumed = metric(targets.query(), "kafka.consumer.fetch.manager.records.consumed.total");
        return published.isPresent() && consumed.isPresent()
                ? new Reading(published.getAsLong(), consumed.getAsLong())
                : null;
    }

    private OptionalLong metric(URI base, String name) {
        if (adminToken == null) {
            return OptionalLong.empty();
        }
        try {
            LedgerClient.Response response = LedgerClient.send(HttpRequest.newBuilder(base.resolve("/actuator/metrics/" + name))
                    .timeout(LedgerClient.REQUEST_TIMEOUT)
                    .header("Authorization", "Bearer " + adminToken)
                    .GET().build());
            Matcher value = VALUE.matcher(response.body());
            return response.status() == 200 && value.find()
                    ? OptionalLong.of((long) Double.parseDouble(value.group(1)))
                    : OptionalLong.empty();
        } catch (RuntimeException e) {
            return OptionalLong.empty();
        }
    }
}
