package io.ledgerflow.query.messaging;

import io.ledgerflow.query.mongo.ProjectionCollections;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.CommonDelegatingErrorHandler;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;

import java.time.Duration;
import java.util.Map;

/**
 * Only a {@link PoisonRecordException} (the record's own fault) is published unchanged, with Spring's exception
 * headers, to the dead-letter topic and skipped. Every other failure is retried with backoff until it succeeds,
 * holding its partition: skipping a good event would leave the projections wrong for good.
 * A {@link ProjectionsLostException} rewinds the consumer instead; a {@link GenerationSwitchedException} moves it
 * to the new generation's checkpoints.
 * <p>
 * The listener takes batches and names the failed record by its index ({@code BatchListenerFailedException}): the
 * records before it are committed, and the retries (or the dead letter) start at it. Apart from
 * {@link ProjectionsLostException}, nothing else may leave the listener: any other exception would have the whole
 * batch retried in memory and, once classified as poison, dead-lettered whole.
 */
@Configuration(proxyBeanMethods = false)
public class DeadLetterConfig {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterConfig.class);
    private static final Duration DECLARE_TIMEOUT = Duration.ofSeconds(5);

    @Bean
    CommonErrorHandler projectionErrorHandler(KafkaTemplate<?, ?> template, LedgerKafkaProperties properties,
                                              DeadLetterTopic deadLetterTopic, PartitionCheckpoints checkpoints,
                                              ProjectionGeneration generation, ProjectionCollections collections,
                                              MeterRegistry meters) {
        // Partition -1: let the producer choose, since the dead-letter topic may have fewer partitions.
        var publisher = new DeadLetterPublishingRecoverer(template,
                (record, exception) -> new TopicPartition(deadLetterTopic.name(), -1));
        ConsumerRecordRecoverer recoverer = (record, exception) -> {
            if (!RetryBackOffs.isPoison(exception)) {
                // unreachable with the classification below; a good record must never be skipped
                throw new IllegalStateException("not dead-lettering a record that is not poison", exception);
            }
            declare(deadLetterTopic);
            publisher.accept(record, asRecordFailure(exception));
            log.warn("Dead-lettered {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    NestedExceptionUtils.getMostSpecificCause(exception).getMessage());
            meters.counter("ledgerflow.projection.dead.letters").increment();
            checkpoints.advance(record.topic(), record.partition(), record.offset() + 1);
        };
        var backOffs = new RetryBackOffs(properties.retry());
        var retrying = new DefaultErrorHandler(recoverer, backOffs.untilItSucceeds());
        retrying.setClassifications(Map.of(PoisonRecordException.class, false), true);
        retrying.setBackOffFunction((record, exception) -> backOffs.forFailure(exception));

        var handler = new CommonDelegatingErrorHandler(retrying);
        handler.setCauseChainTraversing(true);
        handler.addDelegate(ProjectionsLostException.class,
                new RewindOnLostProjections(checkpoints, generation, collections));
        handler.addDelegate(GenerationSwitchedException.class, new ResumeAtCurrentGeneration(collections, checkpoints));
        return handler;
    }

    /**
     * The batch listener names the poison record by wrapping its failure in a {@link BatchListenerFailedException}:
     * the dead letter's exception headers name the failure itself, as they did for one record at a time.
     */
    private static Exception asRecordFailure(Exception exception) {
        if (exception instanceof ListenerExecutionFailedException failed
                && failed.getCause() instanceof BatchListenerFailedException batch && batch.getCause() != null) {
            return new ListenerExecutionFailedException(failed.getMessage(), failed.getGroupId(), batch.getCause());
        }
        return exception;
    }

    private static void declare(DeadLetterTopic topic) {
        try {
            topic.ensureExists(DECLARE_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted declaring " + topic.name(), e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot declare " + topic.name(), e);
        }
    }
}
