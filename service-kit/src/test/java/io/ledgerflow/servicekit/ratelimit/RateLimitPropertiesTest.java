package io.ledgerflow.servicekit.ratelimit;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import io.ledgerflow.servicekit.web.WebEdgeAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitPropertiesTest {

    private final WebApplicationContextRunner context = new WebApplicationContextRunner().withConfiguration(
            AutoConfigurations.of(JacksonAutoConfiguration.class, WebEdgeAutoConfiguration.class, RateLimitAutoConfiguration.class));

    @Test
    void role_limits_override_the_defaults_one_by_one() {
        context.withPropertyValues("ledgerflow.rate-limits.roles.viewer.capacity=3", "ledgerflow.rate-limits.roles.viewer.per-second=1")
                .run(ctx -> {
                    assertThat(ctx).hasNotFailed();
                    RateLimitProperties properties = ctx.getBean(RateLimitProperties.class);
                    assertThat(properties.roles().get("viewer")).isEqualTo(new RateLimitProperties.Limit(3, 1));
                    assertThat(properties.roles().get("client")).isEqualTo(new RateLimitProperties.Limit(100, 50));
                    assertThat(properties.anonymous()).isEqualTo(new RateLimitProperties.Limit(20, 10));
                });
    }
}
