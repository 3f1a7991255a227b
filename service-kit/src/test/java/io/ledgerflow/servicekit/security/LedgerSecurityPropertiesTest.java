package io.ledgerflow.servicekit.security;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class LedgerSecurityPropertiesTest {

    @EnableConfigurationProperties(LedgerSecurityProperties.class)
    static class Properties {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(Properties.class);

    @Test
    void the_token_cache_is_on_by_default_with_10000_tokens_for_at_most_5_minutes() {
        context.run(ctx -> {
            LedgerSecurityProperties.TokenCache cache = ctx.getBean(LedgerSecurityProperties.class).tokenCache();
            assertThat(cache).isEqualTo(new LedgerSecurityProperties.TokenCache(10_000, Duration.ofMinutes(5)));
            assertThat(cache.enabled()).isTrue();
        });
    }

    @Test
    void the_token_cache_is_configurable_and_a_size_of_0_turns_it_off() {
        context.withPropertyValues("ledgerflow.security.token-cache.maximum-size=0",
                        "ledgerflow.security.token-cache.maximum-age=30s")
                .run(ctx -> {
                    LedgerSecurityProperties.TokenCache cache = ctx.getBean(LedgerSecurityProperties.class).tokenCache();
                    assertThat(cache.maximumAge()).isEqualTo(Duration.ofSeconds(30));
                    assertThat(cache.enabled()).isFalse();
                });
    }

    @Test
    void a_maximum_age_of_zero_is_refused_at_start_up() {
        context.withPropertyValues("ledgerflow.security.token-cache.maximum-age=0s")
                .run(ctx -> assertThat(ctx).hasFailed());
    }
}
