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

    @Test
    void the_per_address_limit_is_above_every_role_and_x_forwarded_for_is_not_trusted_by_default() {
        context.run(ctx -> {
            RateLimitProperties properties = ctx.getBean(RateLimitProperties.class);
            assertThat(properties.perAddress()).isEqualTo(new RateLimitProperties.Limit(1000, 500));
            assertThat(properties.roles().values()).allSatisfy(role -> {
                assertThat(role.capacity()).isLessThan(properties.perAddress().capacity());
                assertThat(role.perSecond()).isLessThan(properties.perAddress().perSecond());
            });
            assertThat(properties.trustedProxies()).isEmpty();
        });
        context.withPropertyValues("ledgerflow.rate-limits.per-address.capacity=5", "ledgerflow.rate-limits.per-address.per-second=2",
                        "ledgerflow.rate-limits.trusted-proxies=10.0.0.1,10.0.0.2")
                .run(ctx -> {
                    RateLimitProperties properties = ctx.getBean(RateLimitProperties.class);
                    assertThat(properties.perAddress()).isEqualTo(new RateLimitProperties.Limit(5, 2));
                    assertThat(properties.trustedProxies()).containsExactly("10.0.0.1", "10.0.0.2");
                });
    }

    @Test
    void paths_outside_the_api_have_a_bucket_per_address_of_their_own() {
        context.run(ctx -> assertThat(ctx.getBean(RateLimitProperties.class).outsideApi())
                .isEqualTo(new RateLimitProperties.Limit(100, 50)));
        context.withPropertyValues("ledgerflow.rate-limits.outside-api.capacity=7",
                        "ledgerflow.rate-limits.outside-api.per-second=3")
                .run(ctx -> assertThat(ctx.getBean(RateLimitProperties.class).outsideApi())
                        .isEqualTo(new RateLimitProperties.Limit(7, 3)));
    }

    @Test
    void one_caller_runs_as_many_bodies_at_once_as_one_address_and_fewer_than_all_addresses_together() {
        context.run(ctx -> {
            RateLimitProperties properties = ctx.getBean(RateLimitProperties.class);
            assertThat(properties.concurrentPerCaller()).isEqualTo(properties.concurrentPerAddress()).isEqualTo(100);
            assertThat(properties.concurrentPerCaller()).isLessThan(properties.concurrentWithBody());
        });
    }
}
