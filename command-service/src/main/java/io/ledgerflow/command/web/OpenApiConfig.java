package io.ledgerflow.command.web;

import io.ledgerflow.servicekit.consistency.ConsistencyOpenApi;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class OpenApiConfig {

    @Bean
    OpenAPI ledgerflowCommandApi() {
        return new OpenAPI().info(new Info()
                .title("Ledgerflow command API")
                .version("v1")
                .description("Open accounts and move money: deposits, withdrawals and transfers in double entry. "
                        + "Transfer ids are idempotency keys; ledger rules answer 422 with a stable code."));
    }

    @Bean
    ConsistencyOpenApi commandTokensOpenApi() {
        return ConsistencyOpenApi.commands(path -> path.startsWith("/api/v1/") && !path.startsWith("/api/v1/audit/"),
                path -> path.equals("/api/v1/transfers") || path.endsWith("/deposits") || path.endsWith("/withdrawals"),
                path -> !path.endsWith("/batch"));
    }
}
