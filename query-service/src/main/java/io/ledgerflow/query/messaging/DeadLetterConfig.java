package io.ledgerflow.query.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;

/**
 * Failed records are retried a bounded number of times with backoff, then published unchanged (with Spring's
 * exception headers) to the dead-letter topic and skipped, so one bad record never stops its partition.
 * An unreachable MongoDB is the exception: its records wait, because dead-lettering them would drop good events.
 */
@Configuration(proxyBeanMethods = false)
public class DeadLetterConfig {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterConfig.class);

    /** Created at start-up by Spring's KafkaAdmin if missing. */
    @Bean
    NewTopic deadLetterTopic(LedgerKafkaProperties properties) {
        return TopicBuilder.name(properties.deadLetterTopic()).partitions(properties.deadLetterPartitions()).build();
    }

    @Bean
    DefaultErrorHandler projectionErrorHandler(KafkaTemplate<?, ?> template, LedgerKafkaProperties properties,
                                               PartitionCheckpoints checkpoints, MeterRegistry meters) {
        // Partition -1: let the producer choose, since the dead-letter topic may have fewer partitions.
        var publisher = new DeadLetterPublishingRecoverer(template,
                (record, exception) -> new TopicPartition(properties.deadLetterTopic(), -1));
        ConsumerRecordRecoverer recoverer = (record, exception) -> {
            publisher.accept(record, exception);
            log.warn("Dead-lettered {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    NestedExceptionUtils.getMostSpecificCause(exception).getMessage());
            meters.counter("ledgerflow.projection.dead.letters").increment();
            checkpoints.advance(record.topic(), record.partition(), record.offset() + 1);
        };
        var backOffs = new RetryBackOffs(properties.retry());
        var handler = new DefaultErrorHandler(recoverer, backOffs.bounded());
        handler.setBackOffFunction((record, exception) -> backOffs.forFailure(exception));
        return handler;
    }
}
