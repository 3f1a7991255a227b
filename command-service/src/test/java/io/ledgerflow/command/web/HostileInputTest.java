package io.ledgerflow.command.web;

import io.ledgerflow.testkit.http.Api;
import io.ledgerflow.command.support.CommandServiceTest;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hundreds of hostile requests spread over every command endpoint, sent with a valid client token (bob's) so they
 * get past authentication: none may answer 5xx, change state, or answer anything but problem+json with a code.
 * Each endpoint starts from a body that is valid but harmless for bob (someone else's ids, an unknown account), so
 * a hostile value that happens to be valid still changes nothing.
 */
class HostileInputTest extends CommandServiceTest {

    static final List<String> HOSTILE_IDS = List.of("", " ", "../../etc/passwd", "..%2F..%2Fetc", "a/b", "a\\b",
            "\u0000", "a\u0000b", "\u202Eevil", "😀", "é", "x".repeat(65), "'; DROP TABLE domainevententry; --",
            "\" OR 1=1 --", "$gt", "{\"$gt\":\"\"}", "@world:USD", "-leading-dash", "<script>alert(1)</script>", "%00");

    static final List<String> HOSTILE_VALUES = List.of("{\"$gt\":\"\"}", "[]", "null", "true", "-1", "0",
            "9223372036854775808", "-9223372036854775809", "1e400", "NaN", "\"NaN\"", "\"Infinity\"", "1.5", "\"12\"",
            "\"\\u0000\"", "{}", "\"" + "z".repeat(5000) + "\"", "99999999999999999999999999999999");

    /** Each endpoint with a body that is valid but changes nothing (an id conflict, an unknown account). */
    record Target(String method, String path, Map<String, String> validButHarmless) {

        Target(String path, Map<String, String> validButHarmless) {
            this("POST", path, validButHarmless);
        }

        /** Operator-only endpoints refuse clients before reading the body: their hostile bodies come from an operator. */
        boolean operatorOnly() {
            return path.matches(".*/(deposits|withdrawals|freeze|unfreeze|close|reopen|overdraft-limit)$");
        }
    }

    static final List<String> ACCOUNT_ACTIONS = List.of("freeze", "unfreeze", "close", "reopen");

    @Test
    void hostile_requests_never_break_the_service_nor_change_state() {
        Api bob = anonymous.as(tokenFor("bob"));
        // deposits and withdrawals refuse clients before reading the body: their hostile bodies come from an operator
        Api operator = anonymous.as(tokenFor("operator"));
        String account = openAccount("USD");
        String other = openAccount("USD");
        deposit(account, unique("dep"), 100);
        String transferId = unique("t");
        transfer(transferId, account, other, 10, "USD");
        List<Target> targets = new ArrayList<>(List.of(
                new Target("/api/v1/accounts", ordered("id", q(account), "ownerId", q("zed"), "currency", q("EUR"),
                        "code", "1", "overdraftLimit", "0", "metadata", "{}")),
                new Target("/api/v1/accounts/ghost-acc/deposits", ordered("id", q("h-d"), "amount", "1",
                        "reference", q("r"), "metadata", "{}")),
                new Target("/api/v1/accounts/ghost-acc/withdrawals", ordered("id", q("h-w"), "amount", "1",
                        "reference", q("r"), "metadata", "{}")),
                new Target("/api/v1/transfers", ordered("id", q(transferId), "debitAccountId", q(account),
                        "creditAccountId", q(other), "amount", "999", "currency", q("USD"), "pending", "false",
                        "timeoutSeconds", "null", "reference", q("r"), "metadata", "{}")),
                new Target("/api/v1/transfers/batch", ordered("transfers", "[" + json(ordered("id", q(transferId),
                        "debitAccountId", q(account), "creditAccountId", q(other), "amount", "999", "currency", q("USD"),
                        "pending", "false", "reference", q("r"), "metadata", "{}")) + "]")),
                new Target("/api/v1/transfers/" + transferId + "/post", ordered("amount", "1")),
                new Target("/api/v1/transfers/" + transferId + "/void", ordered()),
                new Target("PUT", "/api/v1/accounts/ghost-acc/overdraft-limit", ordered("overdraftLimit", "0"))));
        for (String action : ACCOUNT_ACTIONS) {
            targets.add(new Target("/api/v1/accounts/ghost-acc/" + action, ordered()));
        }
        long events = effectiveEvents();
        List<String> failures = new ArrayList<>();
        int sent = 0;

        for (Target target : targets) {
            Api caller = target.operatorOnly() ? operator : bob;
            String verb = target.method();
            check(failures, "harmless baseline " + target.path(), caller.call(verb, target.path(),
                    json(target.validButHarmless()), "application/json"));
            for (String body : malformedBodies()) {
                sent++;
                check(failures, verb + " " + target.path() + " " + abbreviate(body),
                        caller.call(verb, target.path(), body, "application/json"));
            }
            for (String field : target.validButHarmless().keySet()) {
                for (String value : HOSTILE_VALUES) {
                    Map<String, String> body = new LinkedHashMap<>(target.validButHarmless());
                    body.put(field, value);
                    sent++;
                    check(failures, verb + " " + target.path() + " " + field + "=" + abbreviate(value),
                            caller.call(verb, target.path(), json(body), "application/json"));
                }
            }
            for (String contentType : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data")) {
                sent++;
                check(failures, verb + " " + target.path() + " as " + contentType,
                        caller.call(verb, target.path(), "id=1&amount=1", contentType));
            }
            for (String method : List.of("GET", "POST", "PUT", "DELETE", "PATCH")) {
                if (method.equals(verb)) {
                    continue;
                }
                sent++;
                check(failures, method + " " + target.path(), caller.call(method, target.path(), "{}", "application/json"));
            }
        }
        for (String id : HOSTILE_IDS) {
            String encoded = URLEncoder.encode(id, StandardCharsets.UTF_8);
            for (String endpoint : List.of("/api/v1/accounts/%s/deposits", "/api/v1/accounts/%s/withdrawals")) {
                sent++;
                String path = endpoint.formatted(encoded);
                check(failures, "POST " + path, operator.post(path, "{\"id\":\"h-2\",\"amount\":1}"));
            }
            for (String action : ACCOUNT_ACTIONS) {
                sent++;
                String path = "/api/v1/accounts/" + encoded + "/" + action;
                check(failures, "POST " + path, operator.post(path, ""));
            }
            sent++;
            check(failures, "PUT overdraft-limit of " + abbreviate(id), operator.call("PUT",
                    "/api/v1/accounts/" + encoded + "/overdraft-limit", "{\"overdraftLimit\":0}", "application/json"));
            for (String resolution : List.of("post", "void")) {
                sent++;
                String path = "/api/v1/transfers/" + encoded + "/" + resolution;
                check(failures, "POST " + path, bob.post(path, "{}"));
            }
            sent++;
            check(failures, "POST transfer with id " + abbreviate(id), bob.post("/api/v1/transfers",
                    "{\"id\":" + q(id) + ",\"debitAccountId\":" + q(id) + ",\"creditAccountId\":\"" + other
                            + "\",\"amount\":1,\"currency\":\"USD\"}"));
            sent++;
            check(failures, "POST batch with id " + abbreviate(id), bob.post("/api/v1/transfers/batch",
                    "{\"transfers\":[{\"id\":" + q(id) + ",\"debitAccountId\":" + q(id) + ",\"creditAccountId\":\""
                            + other + "\",\"amount\":1,\"currency\":\"USD\"}]}"));
        }

        assertThat(sent).isGreaterThanOrEqualTo(200);
        assertThat(failures).isEmpty();
        assertThat(effectiveEvents()).as("no hostile request changed state").isEqualTo(events);
    }

    /** The audit chain's read endpoints: hostile query values from an auditor never answer 5xx nor a bare error. */
    @Test
    void hostile_query_parameters_on_the_chain_endpoints_are_answered_cleanly() {
        Api auditor = anonymous.as(tokenFor("auditor"));
        Map<String, List<String>> parameters = Map.of(
                "/api/v1/audit/chain/verify", List.of("from", "to"),
                "/api/v1/audit/chain/anchors", List.of("after", "limit"),
                "/api/v1/audit/chain/head", List.of("position"));
        List<String> values = new ArrayList<>(HOSTILE_IDS);
        values.addAll(HOSTILE_VALUES);
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (Map.Entry<String, List<String>> endpoint : parameters.entrySet()) {
            for (String parameter : endpoint.getValue()) {
                for (String value : values) {
                    sent++;
                    String query = "?" + parameter + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
                    Api.Response response = auditor.get(endpoint.getKey() + query);
                    checkRead(failures, "GET " + endpoint.getKey() + query, response);
                }
            }
            for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
                sent++;
                check(failures, method + " " + endpoint.getKey(), auditor.call(method, endpoint.getKey(), "{}",
                        "application/json"));
            }
        }
        assertThat(sent).isGreaterThanOrEqualTo(200);
        assertThat(failures).isEmpty();
    }

    /** A read may succeed; a refusal must be problem+json with a code. */
    private static void checkRead(List<String> failures, String label, Api.Response response) {
        if (response.status() >= 500) {
            failures.add(label + " -> " + response.status() + " " + abbreviate(response.body()));
        } else if (response.status() >= 400 && (!response.contentType().startsWith("application/problem+json")
                || response.code().isBlank())) {
            failures.add(label + " -> " + response.status() + " without a problem code: " + abbreviate(response.body()));
        } else if (response.status() == 400 && !response.body().contains("\"errors\":[")) {
            failures.add(label + " -> 400 without errors[]: " + abbreviate(response.body()));
        }
    }

    @Test
    void hostile_audit_parameters_are_refused_with_a_problem_and_never_break_the_service() {
        Api auditor = anonymous.as(tokenFor("auditor"));
        List<String> failures = new ArrayList<>();
        // the audit API reads settlement accounts (@world:USD), so only ids that are not one are hostile there
        List<String> hostileIds = new ArrayList<>(HOSTILE_IDS.stream().filter(id -> !id.equals("@world:USD")).toList());
        hostileIds.addAll(List.of("@world:usd", "@world:USD:8", "@world:USD:-1", "@world:USDX", "@world:",
                "@world:USD:1:2"));
        for (String id : hostileIds) {
            String encoded = URLEncoder.encode(id, StandardCharsets.UTF_8);
            for (String path : List.of("/api/v1/audit/accounts/%s/events", "/api/v1/audit/transfers/%s/events",
                    "/api/v1/audit/accounts/%s/balance")) {
                check(failures, "GET " + path.formatted(abbreviate(id)), auditor.get(path.formatted(encoded)));
            }
        }
        List<String> refused = List.of("after=-1", "after=9223372036854775808", "after=1e3", "limit=0", "limit=-1",
                "limit=1001", "limit=99999999999999999999", "limit=9223372036854775807", "after=%E2%80%AE1",
                "asOf=2026-02-30T00:00:00Z", "asOf=tomorrow", "asOf=-999999999-01-01T00:00:00Z", "asOf=2026-01-01");
        for (String query : refused) {
            String path = (query.startsWith("asOf") ? "/api/v1/audit/accounts/acc-1/balance?" : "/api/v1/audit/events?")
                    + query;
            Api.Response response = auditor.get(path);
            check(failures, "GET " + path, response);
            if (response.status() != 400) {
                failures.add("GET " + path + " -> " + response.status() + " instead of 400");
            }
        }
        for (String value : HOSTILE_VALUES) {
            String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8);
            for (String path : List.of("/api/v1/audit/events?after=", "/api/v1/audit/events?limit=",
                    "/api/v1/audit/accounts/acc-1/balance?asOf=")) {
                for (Api caller : List.of(auditor, auditor.with("Accept", "application/x-ndjson"))) {
                    Api.Response response = caller.get(path + encoded);
                    if (response.status() >= 500 || (response.status() >= 400
                            && !response.contentType().startsWith("application/problem+json"))) {
                        failures.add("GET " + path + abbreviate(value) + " -> " + response.status() + " "
                                + abbreviate(response.body()));
                    }
                }
            }
        }

        assertThat(failures).isEmpty();
    }

    /**
     * The reconciliation takes no body and no parameter: other methods are refused, a client is refused whatever it
     * sends, and junk parameters are refused, never ignored (no query-service runs here, so without them it answers
     * its own 503).
     */
    @Test
    void the_reconciliation_serves_auditors_reads_only() {
        String path = "/api/v1/audit/reconciliation";
        Api auditor = anonymous.as(tokenFor("auditor"));
        Api bob = anonymous.as(tokenFor("bob"));
        List<String> failures = new ArrayList<>();

        for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
            check(failures, method + " " + path, auditor.call(method, path, "{\"accounts\":[]}", "application/json"));
        }
        for (String query : List.of("", "?limit=-1", "?cursor=x", "?%24where=1", "?accountId=x&accountId=y")) {
            Api.Response refused = bob.get(path + query);
            check(failures, "bob GET " + path + query, refused);
            assertThat(refused.status()).as(query).isEqualTo(403);
            Api.Response asked = auditor.get(path + query);
            assertThat(asked.status()).as(query + ": " + asked).isEqualTo(query.isEmpty() ? 503 : 400);
            assertThat(asked.code()).isEqualTo(query.isEmpty() ? "QUERY_SERVICE_UNAVAILABLE" : "VALIDATION_FAILED");
        }

        assertThat(failures).isEmpty();
    }

    /**
     * Events other than recorded refusals: a well-formed transfer that names an account the caller may not debit is
     * refused and recorded as refused (sticky, exactly as for an unknown account), which moves no money.
     */
    private long effectiveEvents() {
        return jdbc.queryForObject("select count(*) from domainevententry where payloadtype not like '%TransferRejected'",
                Long.class);
    }

    private static Map<String, String> ordered(String... keyValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    private static String q(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\u0000", "\\u0000") + "\"";
    }

    private static String json(Map<String, String> fields) {
        StringBuilder body = new StringBuilder("{");
        fields.forEach((name, value) -> body.append(body.length() > 1 ? "," : "").append(q(name)).append(':').append(value));
        return body.append('}').toString();
    }

    private static List<String> malformedBodies() {
        return List.of("", "{", "}", "[", "{\"id\":}", "{\"id\" \"x\"}", "{'id':'x'}", "nul", "{\"id\":\"x\",}",
                "{" + "\"a\":{".repeat(2000) + "1" + "}".repeat(2001), "[".repeat(5000) + "]".repeat(5000),
                "\"just a string\"", "12345", "{\"id\":\"x\"} trailing", "\uFEFF{}", "{\"id\":\"\\ud800\"}",
                "{\"id\":\"a\",\"id\":\"b\"}");
    }

    private static void check(List<String> failures, String label, Api.Response response) {
        if (response.status() >= 500) {
            failures.add(label + " -> " + response.status() + " " + abbreviate(response.body()));
        } else if (response.status() < 400) {
            failures.add(label + " -> accepted with " + response.status());
        } else if (!response.contentType().startsWith("application/problem+json") || response.code().isBlank()) {
            failures.add(label + " -> " + response.status() + " without a problem code: " + abbreviate(response.body()));
        } else if (response.status() == 400 && !response.body().contains("\"errors\":[")) {
            failures.add(label + " -> 400 without errors[]: " + abbreviate(response.body()));
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }
}
