package io.ledgerflow.query.messaging;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Starts the projection listener once the dead-letter topic exists and the current generation is known, so no record is consumed before a poison
 * one could be dead-lettered. Kafka down at start-up delays the projections, not the service: the read API is
 * up meanwhile, and this keeps trying in the background with growing pauses.
 */
@Component
class ProjectionStart implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ProjectionStart.class);
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(5);
    private static final long MAX_PAUSE_MS = 10_000;

    private final DeadLetterTopic deadLetterTopic;
    private final CurrentGeneration currentGeneration;
    private final KafkaListenerEndpointRegistry listeners;
    private volatile Thread starter;

    ProjectionStart(DeadLetterTopic deadLetterTopic, CurrentGeneration currentGeneration,
                    KafkaListenerEndpointRegistry listeners) {
        this.deadLetterTopic = deadLetterTopic;
        this.currentGeneration = currentGeneration;
        this.listeners = listeners;
    }

    @Override
    public void start() {
        Thread thread = new Thread(this::startWhenDeadLetterTopicExists, "projection-start");
        thread.setDaemon(true);
        starter = thread;
        thread.start();
    }

    private void startWhenDeadLetterTopicExists() {
        long pause = 200;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                deadLetterTopic.ensureExists(ATTEMPT_TIMEOUT);
                // the consumers start on the current generation's checkpoints, not on generation 0's
                currentGeneration.refresh();
                listeners.getListenerContainer(LedgerEventListener.LISTENER_ID).start();
                return;
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                log.warn("Dead-letter topic {} not declared or current generation unknown yet, projections wait: {}",
                        deadLetterTopic.name(), e.toString());
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                return;
            }
            pause = Math.min(pause * 2, MAX_PAUSE_MS);
        }
    }

    @Override
    public void stop() {
        Thread thread = starter;
        starter = null;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return starter != null;
    }

    /** After the listener registry, so that it stops before the containers do. */
    @Override
    public int getPhase() {
        return KafkaListenerEndpointRegistry.DEFAULT_PHASE + 1;
    }
}
