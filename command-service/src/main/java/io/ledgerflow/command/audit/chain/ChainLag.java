package io.ledgerflow.command.audit.chain;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * How far the chain trails the event store: events stored but not linked yet, and the age of the oldest of them.
 * Both gauges are read when metrics are scraped; one measurement (two indexed queries) serves a whole scrape.
 */
@Component
public class ChainLag implements MeterBinder {

    /** @param events stored events above the head; @param seconds age of the oldest of them, 0 when there is none */
    public record Lag(long events, double seconds) {
    }

    private static final Duration REUSE = Duration.ofSeconds(1);

    private final JdbcTemplate jdbc;
    private final ChainLinks links;
    private final Clock clock = Clock.systemUTC();
    private volatile Lag last;
    private volatile Instant measuredAt = Instant.MIN;

    public ChainLag(JdbcTemplate jdbc, ChainLinks links) {
        this.jdbc = jdbc;
        this.links = links;
    }

    public Lag measure() {
        return measure(links.head());
    }

    public Lag measure(ChainHead head) {
        long events = jdbc.queryForObject("select count(*) from domainevententry where globalindex > ?", Long.class,
                head.position());
        double seconds = events == 0 ? 0 : jdbc.queryForList("select timestamp from domainevententry"
                        + " where globalindex > ? order by globalindex limit 1", String.class, head.position())
                .stream().findFirst().map(this::ageOf).orElse(0.0);
        Lag lag = new Lag(events, seconds);
        last = lag;
        measuredAt = clock.instant();
        return lag;
    }

    private double ageOf(String storedTimestamp) {
        try {
            return Math.max(0, Duration.between(Instant.parse(storedTimestamp), clock.instant()).toMillis() / 1000.0);
        } catch (DateTimeParseException e) {
            return Double.NaN;
        }
    }

    private Lag recent() {
        Lag lag = last;
        return lag != null && measuredAt.plus(REUSE).isAfter(clock.instant()) ? lag : measure();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("ledgerflow.audit.chain.lag.events", this, lag -> lag.recent().events())
                .description("Events stored but not linked into the audit hash chain yet").register(registry);
        Gauge.builder("ledgerflow.audit.chain.lag.seconds", this, lag -> lag.recent().seconds())
                .description("Seconds since the oldest event not linked into the audit hash chain yet was stored")
                .baseUnit("seconds").register(registry);
    }
}
