package io.ledgerflow.servicekit.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Documents what every API operation shares: the bearer-token scheme, and the problem+json answers for bad
 * input, missing or bad tokens, roles, rate limits and oversized bodies. Operation-specific answers (404, 409,
 * 422) are declared where they happen.
 */
public class ProblemResponsesOpenApi implements OpenApiCustomizer {

    public static final String BEARER = "bearer-jwt";
    public static final String PROBLEM = "Problem";

    private static final Map<String, String> COMMON = new LinkedHashMap<>();

    static {
        COMMON.put("400", "Malformed or invalid input (VALIDATION_FAILED)");
        COMMON.put("401", "No token, or a bad one (UNAUTHORIZED)");
        COMMON.put("403", "The token's roles do not allow this (FORBIDDEN)");
        COMMON.put("429", "Rate limited (RATE_LIMITED); see Retry-After");
    }

    @Override
    public void customise(io.swagger.v3.oas.models.OpenAPI openApi) {
        Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
        components.addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .bearerFormat("JWT").description("OAuth2 access token (client credentials) from the authorization server"));
        components.addSchemas(PROBLEM, problemSchema());
        openApi.setComponents(components);
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().forEach((path, item) -> {
            if (path.startsWith("/api/")) {
                item.readOperations().forEach(this::describe);
            }
        });
    }

    private void describe(Operation operation) {
        operation.addSecurityItem(new SecurityRequirement().addList(BEARER));
        COMMON.forEach((status, description) -> {
            if (operation.getResponses() != null && !operation.getResponses().containsKey(status)) {
                operation.getResponses().addApiResponse(status, problem(description));
            }
        });
        if (operation.getRequestBody() != null && !operation.getResponses().containsKey("413")) {
            operation.getResponses().addApiResponse("413", problem("The body is too large (PAYLOAD_TOO_LARGE)"));
        }
        operation.getResponses().forEach((status, response) -> {
            if (status.equals("429") || status.equals("503")) {
                response.addHeaderObject("Retry-After", new Header().schema(new IntegerSchema())
                        .description("Seconds to wait before trying again"));
            }
        });
    }

    public static ApiResponse problem(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType("application/problem+json",
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
    }

    private static Schema<?> problemSchema() {
        ObjectSchema fieldError = new ObjectSchema();
        fieldError.addProperty("field", new StringSchema());
        fieldError.addProperty("message", new StringSchema());
        ObjectSchema problem = new ObjectSchema();
        problem.description("RFC 9457 problem details with a stable code");
        problem.addProperty("type", new StringSchema().example("https://ledgerflow.io/problems/insufficient-funds"));
        problem.addProperty("title", new StringSchema().example("Insufficient funds")
                .description("The code in words: one title per type"));
        problem.addProperty("status", new IntegerSchema().example(422));
        problem.addProperty("detail", new StringSchema().example("account acc-1 has 100 available, 2500 needed"));
        problem.addProperty("code", new StringSchema().example("INSUFFICIENT_FUNDS"));
        problem.addProperty("errors", new ArraySchema().items(fieldError));
        problem.addProperty("instance", new StringSchema().description("The path the request asked for"));
        problem.addProperty("fields", new ArraySchema().items(new StringSchema())
                .description("409 ID_EXISTS_WITH_DIFFERENT_FIELDS, ID_ALREADY_FAILED: the fields that differ"));
        problem.addProperty("rejectionCode", new StringSchema()
                .description("409 ID_ALREADY_FAILED: the code the transfer was first rejected with"));
        problem.addProperty("transferId", new StringSchema().description("The transfer a ledger rule refused"));
        problem.addProperty("accountId", new StringSchema().description("The account a ledger rule refused"));
        problem.addProperty("firstAttempt", new BooleanSchema()
                .description("422 of a transfer: false when the same transfer was rejected before"));
        problem.addProperty("index", new IntegerSchema().description("Batch: the position of the refused item"));
        return problem;
    }
}
