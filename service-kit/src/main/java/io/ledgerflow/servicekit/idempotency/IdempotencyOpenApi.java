package io.ledgerflow.servicekit.idempotency;

import io.ledgerflow.servicekit.openapi.ProblemResponsesOpenApi;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.OpenApiCustomizer;

/** Documents the optional Idempotency-Key header, its answers and Idempotent-Replayed on every POST and PUT under /api/. */
public class IdempotencyOpenApi implements OpenApiCustomizer {

    private static final String CONFLICT = "A request with the same Idempotency-Key is still executing after the "
            + "wait (IDEMPOTENCY_KEY_IN_PROGRESS); retry it to get its answer";
    private static final String UNPROCESSABLE = "The Idempotency-Key was already used for a different request "
            + "(IDEMPOTENCY_KEY_REUSED)";

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().forEach((path, item) -> {
            if (path.startsWith("/api/") && item.getPost() != null) {
                describe(item.getPost());
            }
            if (path.startsWith("/api/") && item.getPut() != null) {
                describe(item.getPut());
            }
        });
    }

    private static void describe(Operation operation) {
        operation.addParametersItem(new HeaderParameter().name(IdempotencyKeyHeader.HEADER).required(false)
                .description("Optional. The first answer to this key is stored and replayed byte for byte to a repeat "
                        + "of the same request by the same caller (for 24 h by default).")
                .schema(new StringSchema().minLength(1).maxLength(IdempotencyKeyHeader.MAX_LENGTH)
                        .pattern("^[\\x21-\\x7E]+$").example("9f1c2a70-5d2b-4c1e-8a57-0e6a2b9d41c3")));
        operation.getResponses().forEach((status, response) -> {
            if (status.startsWith("2")) {
                response.addHeaderObject(IdempotencyKeyHeader.REPLAYED, new Header()
                        .description("\"true\" when this is the stored answer to an earlier request with the same "
                                + "Idempotency-Key").schema(new StringSchema()._enum(java.util.List.of("true"))));
            }
        });
        add(operation, "409", CONFLICT);
        add(operation, "422", UNPROCESSABLE);
    }

    private static void add(Operation operation, String status, String description) {
        ApiResponse existing = operation.getResponses().get(status);
        if (existing == null) {
            operation.getResponses().addApiResponse(status, ProblemResponsesOpenApi.problem(description));
        } else if (existing.getDescription() == null || !existing.getDescription().contains(description)) {
            existing.setDescription((existing.getDescription() == null ? "" : existing.getDescription() + "; or: ")
                    + description);
        }
    }
}
