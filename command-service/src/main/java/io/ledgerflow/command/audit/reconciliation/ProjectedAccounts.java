package io.ledgerflow.command.audit.reconciliation;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerflow.events.account.SettlementAccounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatusCode;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The query-service's account list ({@code GET /api/v1/accounts}), page by page, read with the command-service's
 * own token (see {@link ReconciliationConfig}). Any failure to read it, the token included, is
 * {@link QueryServiceUnavailable}.
 */
class ProjectedAccounts {

    private static final Logger log = LoggerFactory.getLogger(ProjectedAccounts.class);
    private static final int RATE_LIMITED_TRIES = 3;

    private final RestClient queryService;
    private final int pageSize;

    ProjectedAccounts(RestClient queryService, int pageSize) {
        this.queryService = queryService;
        this.pageSize = pageSize;
    }

    /**
     * The page after {@code cursor}; the first page for null. The list shows a settlement account once, its shards
     * summed, while the event store keeps each shard as a stream of its own: such an account is replaced by its
     * shards, each read alone ({@code GET /api/v1/accounts/@world:<CUR>:k}, shard 0 as {@code @world:<CUR>:0}),
     * those not projected left out.
     */
    ProjectionPage page(String cursor) {
        ProjectionPage listed = read(() -> toPage(fetch(cursor)));
        List<ProjectedAccount> items = new ArrayList<>();
        for (ProjectedAccount account : listed.items()) {
            if (!SettlementAccounts.isSettlementAccount(account.id())) {
                items.add(account);
                continue;
            }
            String currency = SettlementAccounts.currencyOf(account.id());
            for (int shard = 0; shard < SettlementAccounts.SHARDS; shard++) {
                String shardId = SettlementAccounts.shardId(currency, shard);
                String readAs = SettlementAccounts.readAloneId(currency, shard);
                JsonNode projected = read(() -> fetchAccount(readAs));
                if (projected != null) {
                    items.add(toAccount(shardId, projected));
                }
            }
        }
        return new ProjectionPage(items, listed.nextCursor());
    }

    private <T> T read(Supplier<T> request) {
        for (int attempt = 1; ; attempt++) {
            try {
                return request.get();
            } catch (HttpStatusCodeException e) {
                if (e.getStatusCode().value() == 429 && attempt < RATE_LIMITED_TRIES) {
                    pause(e);
                    continue;
                }
                throw new QueryServiceUnavailable(refusal(e.getStatusCode()), e);
            } catch (RestClientException | OAuth2AuthorizationException | IllegalStateException e) {
                log.warn("Reconciliation could not read the projections: {}", e.toString());
                // the cause is logged: its message names internal addresses, and is sometimes just "null"
                throw new QueryServiceUnavailable(e instanceof OAuth2AuthorizationException
                        ? "the command-service could not get a token to read the query-service; try again later"
                        : "the query-service could not be reached or read; try again later", e);
            }
        }
    }

    private JsonNode fetch(String cursor) {
        return queryService.get()
                .uri(uri -> {
                    uri.path("/api/v1/accounts").queryParam("limit", pageSize);
                    if (cursor != null) {
                        uri.queryParam("cursor", cursor);
                    }
                    return uri.build();
                })
                .retrieve()
                .body(JsonNode.class);
    }

    /** One account as read alone, null when it is not projected. */
    private JsonNode fetchAccount(String accountId) {
        try {
            JsonNode account = queryService.get().uri("/api/v1/accounts/{id}", accountId).retrieve()
                    .body(JsonNode.class);
            if (account == null || !account.path("id").isTextual()) {
                throw new IllegalStateException("the account " + accountId + " is not an account");
            }
            return account;
        } catch (HttpClientErrorException.NotFound notProjected) {
            return null;
        }
    }

    private static ProjectionPage toPage(JsonNode body) {
        if (body == null || !body.path("items").isArray()) {
            throw new IllegalStateException("the account list is not a page");
        }
        List<ProjectedAccount> items = new ArrayList<>();
        for (JsonNode account : body.get("items")) {
            items.add(toAccount(account.path("id").asText(), account));
        }
        JsonNode next = body.path("nextCursor");
        return new ProjectionPage(items, next.isTextual() ? next.asText() : null);
    }

    private static ProjectedAccount toAccount(String id, JsonNode account) {
        return new ProjectedAccount(id, account.path("version").asLong(),
                new AccountFacts(text(account, "ownerId"), text(account, "currency"), text(account, "status"),
                        number(account, "overdraftLimit"), number(account, "posted"),
                        number(account, "pendingDebits"), number(account, "pendingCredits")));
    }

    private static String refusal(HttpStatusCode status) {
        return switch (status.value()) {
            case 401, 403 -> "the query-service refused the reconciliation's credentials (" + status.value()
                    + "): check ledgerflow.audit.reconciliation.client-id and its role viewer";
            default -> "the query-service answered " + status.value() + "; try again later";
        };
    }

    private static void pause(HttpStatusCodeException rateLimited) {
        String retryAfter = rateLimited.getResponseHeaders() == null ? null
                : rateLimited.getResponseHeaders().getFirst("Retry-After");
        long seconds = retryAfter != null && retryAfter.matches("\\d{1,2}") ? Long.parseLong(retryAfter) : 1;
        try {
            Thread.sleep(Math.min(seconds, 10) * 1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueryServiceUnavailable("interrupted while rate limited by the query-service", e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }

    private static Long number(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isIntegralNumber() ? value.longValue() : null;
    }
}
