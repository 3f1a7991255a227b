package io.ledgerflow.command.transfer.group;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GroupingProperties.class)
public class GroupingConfig {
}
