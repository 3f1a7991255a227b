package io.ledgerflow.servicekit.consistency;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.QueryParameter;
import org.springdoc.core.customizers.OpenApiCustomizer;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.Predicate;

/**
 * Documents read-your-writes (docs/api.md, "X-Consistency-Token"), which no controller declares: the filters and
 * interceptors do it. The command side: the token on the answers of its commands. The query side: the token sent back
 * on a read, the two parameters that do the same, and {@code X-Consistency} on the answer.
 */
public final class ConsistencyOpenApi implements OpenApiCustomizer {

    private static final String TOKEN_MEANING = "Opaque, sealed: names each account and transfer the command wrote or "
            + "read, at the sequence it left them. Send it back on a query-service read to see this command's effect.";

    private final boolean commands;
    private final Predicate<String> paths;
    private final Predicate<String> recordingRefusals;
    private final Predicate<String> locating;
    private final String parameter;
    private final String timeoutParameter;
    private final int maxTimeoutMs;

    private ConsistencyOpenApi(boolean commands, Predicate<String> paths, Predicate<String> recordingRefusals,
                               Predicate<String> locating, String parameter, String timeoutParameter,
                               int maxTimeoutMs) {
        this.commands = commands;
        this.paths = paths;
        this.recordingRefusals = recordingRefusals;
        this.locating = locating;
        this.parameter = parameter;
        this.timeoutParameter = timeoutParameter;
        this.maxTimeoutMs = maxTimeoutMs;
    }

    /**
     * The command side: every POST and PUT on these paths answers with a token.
     *
     * @param recordingRefusals the paths whose 422 records something (a rejected transfer), and so carries one too
     * @param locating          the paths whose 201 says where the created resource is
     */
    public static ConsistencyOpenApi commands(Predicate<String> paths, Predicate<String> recordingRefusals,
                                              Predicate<String> locating) {
        return new ConsistencyOpenApi(true, paths, recordingRefusals, locating, null, null, 0);
    }

    /** The query side: every GET on these paths may send tokens back and wait for them. */
    public static ConsistencyOpenApi reads(Predicate<String> paths, String parameter, String timeoutParameter,
                                           int maxTimeoutMs) {
        return new ConsistencyOpenApi(false, paths, path -> false, path -> false, parameter, timeoutParameter,
                maxTimeoutMs);
    }

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().forEach((path, item) -> {
            if (!paths.test(path)) {
                return;
            }
            if (commands) {
                List.of(PathItem.HttpMethod.POST, PathItem.HttpMethod.PUT).forEach(method -> {
                    Operation operation = item.readOperationsMap().get(method);
                    if (operation != null) {
                        describeCommand(operation, recordingRefusals.test(path), locating.test(path));
                    }
                });
            } else if (item.getGet() != null) {
                describeRead(item.getGet());
            }
        });
    }

    private static void describeCommand(Operation operation, boolean recordsRefusals, boolean locates) {
        operation.getResponses().forEach((status, response) -> {
            if (status.startsWith("2") || (recordsRefusals && status.equals("422"))) {
                response.addHeaderObject(ConsistencyToken.HEADER, new Header().schema(new StringSchema())
                        .description((status.equals("422") ? "On a refusal that recorded something (a rejected "
                                + "transfer), naming only what it wrote. " : "") + TOKEN_MEANING));
            }
            if (locates && status.equals("201")) {
                response.addHeaderObject("Location", new Header().schema(new StringSchema())
                        .description("The created resource's path, read on the query-service"));
            }
        });
    }

    private void describeRead(Operation operation) {
        operation.addParametersItem(new HeaderParameter().name(ConsistencyToken.HEADER).required(false)
                .schema(new StringSchema()).description("A command's token: the read waits (bounded) until the "
                        + "projections show what it names, then answers X-Consistency: consistent, or stale"));
        operation.addParametersItem(new QueryParameter().name(parameter).required(false)
                .schema(new StringSchema()).description("The same as the header; several tokens comma-separated"));
        operation.addParametersItem(new QueryParameter().name(timeoutParameter).required(false)
                .schema(new IntegerSchema().minimum(BigDecimal.ZERO).maximum(BigDecimal.valueOf(maxTimeoutMs)))
                .description("How long to wait for the tokens, in milliseconds [2000]"));
        operation.getResponses().forEach((status, response) -> {
            if (status.startsWith("2")) {
                response.addHeaderObject("X-Consistency", new Header().description("Whether the answer reflects "
                        + "every token sent (absent when none was sent)")
                        .schema(new StringSchema()._enum(List.of("consistent", "stale"))));
            }
        });
    }
}
