package io.ledgerflow.query.web;

import io.ledgerflow.query.consistency.ConsistencyWait;
import io.ledgerflow.servicekit.consistency.ConsistencyOpenApi;
import io.ledgerflow.servicekit.consistency.ConsistencyProperties;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class OpenApiConfig {

    @Bean
    OpenAPI ledgerflowQueryApi() {
        return new OpenAPI().info(new Info()
                .title("Ledgerflow query API")
                .version("v1")
                .description("Read projections of the ledger: accounts, statements and transfers."));
    }

    @Bean
    ConsistencyOpenApi readYourWritesOpenApi(ConsistencyProperties consistency) {
        return ConsistencyOpenApi.reads(path -> path.startsWith("/api/v1/"), ConsistencyWait.PARAMETER,
                ConsistencyWait.TIMEOUT_PARAMETER, (int) consistency.maxWait().toMillis());
    }
}
