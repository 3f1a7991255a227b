package io.ledgerflow.command.audit.chain.anchor;

import io.ledgerflow.command.audit.chain.ChainLinks;
import io.ledgerflow.command.audit.chain.FixedDelayWorker;
import io.ledgerflow.command.messaging.PublisherProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;

/** Anchoring on a thread of its own every {@code ledgerflow.audit.anchors.interval}, unless switched off. */
@Configuration
@EnableConfigurationProperties(AnchorProperties.class)
public class AnchorConfig {

    @Bean
    SigningKey anchorSigningKey(AnchorProperties properties) {
        return new SigningKey(AnchorKeyLoader.load(properties));
    }

    @Bean
    @ConditionalOnProperty(name = "ledgerflow.audit.anchors.enabled", havingValue = "true", matchIfMissing = true)
    AnchorTopic anchorTopic(KafkaAdmin admin, AnchorProperties anchors, PublisherProperties kafka) {
        return new AnchorTopic(admin, anchors, kafka);
    }

    @Bean
    @ConditionalOnProperty(name = "ledgerflow.audit.anchors.enabled", havingValue = "true", matchIfMissing = true)
    AnchorPublisher anchorPublisher(KafkaProperties kafka, ObjectProvider<SslBundles> sslBundles, AnchorTopic topic,
                                    AnchorProperties properties) {
        return new AnchorPublisher(kafka.buildProducerProperties(sslBundles.getIfAvailable()), topic,
                properties.sendTimeout());
    }

    @Bean
    @ConditionalOnProperty(name = "ledgerflow.audit.anchors.enabled", havingValue = "true", matchIfMissing = true)
    ChainAnchoring chainAnchoring(JdbcTemplate jdbc, TransactionTemplate transactions, ChainLinks links,
                                  ChainAnchors anchors, SigningKey key, AnchorPublisher publisher) {
        return new ChainAnchoring(jdbc, transactions, links, anchors, key.current().orElseThrow(), publisher,
                Clock.systemUTC());
    }

    @Bean
    @ConditionalOnProperty(name = "ledgerflow.audit.anchors.enabled", havingValue = "true", matchIfMissing = true)
    SmartLifecycle chainAnchoringSchedule(ChainAnchoring anchoring, AnchorTopic topic, AnchorProperties properties) {
        return new FixedDelayWorker("audit-chain-anchors", properties.interval(), topic::createAtStartUp,
                anchoring::anchorAndPublish);
    }
}
