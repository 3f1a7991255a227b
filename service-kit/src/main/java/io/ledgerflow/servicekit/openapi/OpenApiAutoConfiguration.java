package io.ledgerflow.servicekit.openapi;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springdoc.core.customizers.OpenApiCustomizer;

@AutoConfiguration
@ConditionalOnClass(OpenApiCustomizer.class)
public class OpenApiAutoConfiguration {

    @Bean
    ProblemResponsesOpenApi problemResponsesOpenApi() {
        return new ProblemResponsesOpenApi();
    }
}
