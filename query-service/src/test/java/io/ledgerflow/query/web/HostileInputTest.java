package io.ledgerflow.query.web;

import io.ledgerflow.testkit.http.Api;
import io.ledgerflow.query.support.QueryServiceTest;
import io.ledgerflow.query.support.RawHttp;
import io.ledgerflow.query.support.SseClient;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.ledgerflow.query.support.LedgerFixture.ALICE_ACCOUNT;
import static io.ledgerflow.query.support.LedgerFixture.ALICE_TO_BOB;
import static io.ledgerflow.query.support.LedgerFixture.BOB_ACCOUNT;
import static io.ledgerflow.query.support.LedgerFixture.DEPOSIT_TO_ALICE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hundreds of hostile requests spread over every read endpoint, with valid tokens so that they get past
 * authentication: none may answer 5xx, change a projection document, or answer anything but problem+json with a
 * code. Hostile ids are sent by a viewer, who may read every account: were an id ever interpreted as a query
 * operator, it would match an account and answer 200. Parameters that are not part of the API are sent by bob
 * against alice's data, which must stay 404 whatever they say.
 */
class HostileInputTest extends QueryServiceTest {

    static final List<String> HOSTILE_IDS = List.of(" ", "..", ".", "../../etc/passwd", "a/b", "a\\b", "\u0000",
            "a\u0000b", ALICE_ACCOUNT + "\u0000", "\u202Eevil", "😀", "é", "\uFEFF" + ALICE_ACCOUNT,
            ALICE_ACCOUNT + "\u200B", "ａｌｉｃｅ-usd", ALICE_ACCOUNT.toUpperCase(), ALICE_ACCOUNT + " ", " " + ALICE_ACCOUNT,
            "x".repeat(65), "x".repeat(4_000), "'; DROP TABLE accounts; --", "\" OR 1=1 --", "' OR '1'='1",
            "$gt", "{\"$gt\":\"\"}", "{\"$ne\":null}", "{\"$regex\":\".*\"}", "{\"$where\":\"return true\"}", "[$ne]",
            "this.ownerId", "function(){return true}", "\r\nX-Injected: 1", "%", "%00", "%2e%2e%2f", "\t", "<script>");

    /** For each statement parameter, values that must all be refused (none is blank: blank means absent). */
    static final Map<String, List<String>> INVALID_PARAMETERS = Map.of(
            "limit", List.of("-1", "0", "501", "NaN", "Infinity", "1e3", "1e400", "9223372036854775808",
                    "-9223372036854775809", "99999999999999999999", "0x10", "1.5", "+5", "\u0665", "{\"$gt\":\"\"}",
                    "[]", "null", "1;DROP TABLE entries", "' OR 1=1 --", "\u0000"),
            "cursor", List.of("not-a-cursor", "{\"$gt\":\"\"}", base64("desc:-1"), base64("asc:99999999999999999999"),
                    base64("desc:1e9"), base64("sideways:1"), base64("desc:1\u0000"), base64("{\"$gt\":\"\"}"),
                    "====", "%%%", "a".repeat(3_001), "\u0000"),
            "order", List.of("sideways", "ASC;", "asc\u0000", "{\"$gt\":\"\"}", "1", "-1", "ascending", "$natural"),
            "from", List.of("yesterday", "+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z",
                    "2026-02-30T00:00:00Z", "2026-11-29T10:00:00", "NaN", "{\"$gt\":\"\"}",
                    "2026-11-29T10:00:00Z' OR '1'='1", "0", "9999999999999"),
            "to", List.of("+999999999-12-31T23:59:59Z", "-1", "{\"$lt\":\"\"}", "tomorrow"));

    /** For each account list parameter, values that must all be refused. */
    static final Map<String, List<String>> INVALID_LIST_PARAMETERS = Map.of(
            "limit", List.of("0", "501", "-1", "1e3", "\u0665", "{\"$gt\":\"\"}", "null"),
            "cursor", List.of("not-a-cursor", "{\"$gt\":\"\"}", base64("after:"), base64("after:a\u0000"),
                    base64("before:" + ALICE_ACCOUNT), base64("after:" + "x".repeat(129)), "%%%", "a".repeat(3_001)),
            "currency", List.of("usd", "US", "USDX", "XYZ", "{\"$gt\":\"\"}", "[USD]", "USD\u0000"),
            "status", List.of("open", "DELETED", "{\"$ne\":null}", "OPEN\u0000", "OPEN,FROZEN"),
            "ownerId", List.of("x".repeat(129), "alice\u0000", "\r\nX-Injected: 1"));

    /** For each dashboard volume parameter, values that must all be refused (the others valid). */
    static final Map<String, List<String>> INVALID_VOLUME_PARAMETERS = Map.of(
            "currency", List.of("usd", "US", "USDX", "XYZ", "{\"$gt\":\"\"}", "[USD]", "USD\u0000", "USD,EUR"),
            "bucket", List.of("week", "MINUTE", "minutes", "{\"$ne\":null}", "hour\u0000", "60", "1h", "day,hour"),
            "from", List.of("yesterday", "+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z",
                    "2026-02-30T00:00:00Z", "2026-11-29T10:00:00", "{\"$gt\":\"\"}", "0", "1970-01-01T00:00:00Z"),
            "to", List.of("tomorrow", "+999999999-12-31T23:59:59Z", "-1", "{\"$lt\":\"\"}", "0000-01-01T00:00:00Z"));

    /** For each live stream parameter, values that must all be refused before the stream starts. */
    static final Map<String, List<String>> INVALID_STREAM_PARAMETERS = Map.of(
            "kind", List.of("Bogus", "transfer,", ",", "{\"$ne\":null}", "TransferPosted\u0000", "x".repeat(2_000),
                    "account;DROP TABLE", "*", ".*", "io.ledgerflow.transfer.TransferPosted.v1", "transfers",
                    "\r\nX-Injected: 1", "<script>"),
            "accountId", List.of("{\"$ne\":\"\"}", "$where", "a".repeat(65), "a/b", "a\u0000", "\r\nX-Injected: 1",
                    "a,b", "😀"));

    /** Not parameters of this API: if any of them widened a query, bob would see alice's data. */
    static final List<String> INJECTED_PARAMETERS = List.of("ownerId[$ne]=bob", "ownerId=bob",
            "ownerId=%7B%22%24ne%22%3A%22bob%22%7D", "_id[$regex]=.*", "%24where=return%20true",
            "filter=%7B%22%24or%22%3A%5B%7B%7D%5D%7D", "accountId[$gt]=", "system=true", "scope=everything",
            "role=viewer", "sub=alice", "limit=1&limit=2");

    private Api viewer;
    private Api bob;
    private Api admin;
    private final List<String> failures = new ArrayList<>();
    private int sent;

    @BeforeEach
    void callers() {
        viewer = as("viewer");
        bob = as("bob");
        admin = as("admin");
    }

    @Test
    void hostile_requests_never_break_the_service_nor_change_a_projection() {
        Map<String, List<Document>> before = projectionDocuments();

        hostileIds();
        invalidStatementParameters();
        invalidListParameters();
        invalidVolumeParameters();
        invalidStreamParameters();
        injectedParameters();
        hostileDeadLetters();
        wrongMethodsAndContentTypes();
        hugeBodies();
        requestLinesNoClientWouldSend();

        assertThat(sent).isGreaterThanOrEqualTo(200);
        assertThat(failures).isEmpty();
        assertThat(projectionDocuments()).as("no hostile request changed a projection").isEqualTo(before);
    }

    @Test
    void an_operator_in_place_of_an_id_matches_nothing() {
        String operator = segment("{\"$gt\":\"\"}");

        assertProblem(viewer.get("/api/v1/accounts/" + operator), 404, "ACCOUNT_NOT_FOUND");
        assertProblem(viewer.get("/api/v1/accounts/" + operator + "/entries"), 404, "ACCOUNT_NOT_FOUND");
        assertProblem(viewer.get("/api/v1/transfers/" + operator), 404, "TRANSFER_NOT_FOUND");
        assertProblem(viewer.get("/api/v1/accounts/" + segment("{\"$regex\":\"^alice\"}")), 404, "ACCOUNT_NOT_FOUND");
    }

    private void hostileIds() {
        for (String id : HOSTILE_IDS) {
            String encoded = segment(id);
            for (String path : List.of("/api/v1/accounts/" + encoded, "/api/v1/accounts/" + encoded + "/entries",
                    "/api/v1/transfers/" + encoded)) {
                check("viewer GET " + path, viewer.get(path));
            }
            check("bob GET account " + abbreviate(encoded), bob.get("/api/v1/accounts/" + encoded));
        }
    }

    private void invalidStatementParameters() {
        INVALID_PARAMETERS.forEach((name, values) -> {
            for (String value : values) {
                expectInvalid("/api/v1/accounts/" + ALICE_ACCOUNT + "/entries?" + name + "=" + query(value));
                if (!name.equals("order")) {
                    expectInvalid("/api/v1/transfers?" + name + "=" + query(value));
                }
            }
        });
        for (String status : List.of("posted", "DONE", "{\"$ne\":\"\"}", "POSTED\u0000", "", " ")) {
            if (!status.isBlank()) {
                expectInvalid("/api/v1/transfers?status=" + query(status));
            }
        }
        for (String accountId : List.of("{\"$ne\":\"\"}", "$where", "a".repeat(65), "a/b", "a\u0000")) {
            expectInvalid("/api/v1/transfers?accountId=" + query(accountId));
        }
    }

    /** An admin's hostile dead-letter ids match nothing; hostile list parameters are refused. */
    private void hostileDeadLetters() {
        List<String> ids = new ArrayList<>(HOSTILE_IDS);
        ids.addAll(List.of("-1-0", "0--1", "0-", "-0", "0-1e3", "0-0x10", "2147483648-0", "0-99999999999999999999",
                "0 - 0", "0-0\u0000", "\u0665-\u0665"));
        for (String id : ids) {
            String path = "/api/v1/admin/dead-letters/" + segment(id) + "/retry";
            Api.Response response = admin.call("POST", path, null, null);
            check("admin POST " + path, response);
            if (response.status() != 404 && response.status() != 400) {
                failures.add("admin POST " + abbreviate(path) + " -> expected 404 or 400, got " + response);
            }
        }
        for (String limit : INVALID_LIST_PARAMETERS.get("limit")) {
            expectInvalid(admin, "/api/v1/admin/dead-letters?limit=" + query(limit));
        }
        for (String cursor : List.of("not-a-cursor", base64("-1:0"), base64("0:-1"), base64("0-1\u0000"),
                base64("{\"$gt\":\"\"}"), base64("99999999999-0"), "%%%", "a".repeat(3_001), "\u0000")) {
            expectInvalid(admin, "/api/v1/admin/dead-letters?cursor=" + query(cursor));
        }
    }

    private void expectInvalid(Api caller, String path) {
        Api.Response response = caller.get(path);
        check("GET " + path, response);
        if (response.status() != 400 || !response.code().equals("VALIDATION_FAILED")) {
            failures.add("GET " + abbreviate(path) + " -> expected 400 VALIDATION_FAILED, got " + response);
        }
    }

    private void expectInvalid(String path) {
        Api.Response response = viewer.get(path);
        check("viewer GET " + path, response);
        if (response.status() != 400 || !response.code().equals("VALIDATION_FAILED")) {
            failures.add("viewer GET " + abbreviate(path) + " -> expected 400 VALIDATION_FAILED, got " + response);
        }
    }

    private void invalidListParameters() {
        INVALID_LIST_PARAMETERS.forEach((name, values) -> {
            for (String value : values) {
                String path = "/api/v1/accounts?" + name + "=" + query(value);
                Api.Response response = bob.get(path);
                check("bob GET " + path, response);
                if (response.status() != 400 || !response.code().equals("VALIDATION_FAILED")) {
                    failures.add("bob GET " + abbreviate(path) + " -> expected 400 VALIDATION_FAILED, got " + response);
                }
            }
        });
    }

    private void invalidVolumeParameters() {
        Map<String, String> valid = Map.of("currency", "USD", "bucket", "hour", "from", "2026-11-29T00:00:00Z",
                "to", "2026-11-30T00:00:00Z");
        INVALID_VOLUME_PARAMETERS.forEach((name, values) -> {
            for (String value : values) {
                StringBuilder path = new StringBuilder("/api/v1/dashboard/volume?");
                valid.forEach((parameter, validValue) -> path.append(parameter).append('=')
                        .append(query(parameter.equals(name) ? value : validValue)).append('&'));
                expectInvalid(path.toString());
            }
        });
        // the totals take no parameters: whatever is added, the same totals (or a malformed query string's 400)
        String totals = viewer.get("/api/v1/dashboard/totals").body();
        for (String parameters : INJECTED_PARAMETERS) {
            Api.Response response = viewer.get("/api/v1/dashboard/totals?" + parameters);
            sent++;
            boolean refused = response.status() == 400 && response.code().equals("VALIDATION_FAILED");
            if (!refused && (response.status() != 200 || !response.body().equals(totals))) {
                failures.add("viewer GET totals?" + parameters + " -> " + response);
            }
        }
    }

    /** Through a stream client: were a value accepted, the answer would be an endless stream, not a hang here. */
    private void invalidStreamParameters() {
        INVALID_STREAM_PARAMETERS.forEach((name, values) -> {
            for (String value : values) {
                String path = "/api/v1/stream?" + name + "=" + query(value);
                try (SseClient client = SseClient.open(port(), path, token("viewer"))) {
                    String body = client.status() == 200 ? client.text() : client.body();
                    check("viewer GET " + path, client.status(), client.contentType(), body);
                    if (client.status() != 400 || !Api.problemCode(body).equals("VALIDATION_FAILED")) {
                        failures.add("viewer GET " + abbreviate(path) + " -> expected 400 VALIDATION_FAILED, got "
                                + client.status() + " " + abbreviate(body));
                    }
                }
            }
        });
    }

    /** Whatever bob adds to the account list, he sees his own account and nothing else. */
    @Test
    void the_account_list_never_widens_a_clients_scope() {
        for (String parameters : INJECTED_PARAMETERS) {
            Api.Response response = bob.get("/api/v1/accounts?" + parameters);
            assertThat(response.status()).as(parameters + ": " + response).isIn(200, 400);
            if (response.status() == 200) {
                assertThat(response.json().get("items").findValuesAsText("ownerId")).as(parameters)
                        .allSatisfy(owner -> assertThat(owner).isEqualTo("bob"));
            }
        }
    }

    private void injectedParameters() {
        for (String parameters : INJECTED_PARAMETERS) {
            for (String path : List.of("/api/v1/accounts/" + ALICE_ACCOUNT, "/api/v1/accounts/" + ALICE_ACCOUNT
                    + "/entries", "/api/v1/transfers/" + DEPOSIT_TO_ALICE)) {
                Api.Response response = bob.get(path + "?" + parameters);
                check("bob GET " + path + "?" + parameters, response);
                if (response.status() != 404 && response.status() != 400) {
                    failures.add("bob GET " + path + "?" + parameters + " -> " + response);
                }
            }
        }
    }

    private void wrongMethodsAndContentTypes() {
        List<String> ownPaths = List.of("/api/v1/accounts/" + BOB_ACCOUNT, "/api/v1/accounts/" + BOB_ACCOUNT
                + "/entries", "/api/v1/transfers/" + ALICE_TO_BOB);
        for (String path : ownPaths) {
            for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
                check(method + " " + path, bob.call(method, path, "{\"ownerId\":{\"$ne\":\"\"}}", "application/json"));
            }
            for (String contentType : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                    "multipart/form-data; boundary=x", "application/json; charset=utf-7")) {
                check("POST " + path + " as " + contentType,
                        bob.call("POST", path, "id=1&ownerId[$ne]=x", contentType));
            }
        }
        for (String accept : List.of("application/xml", "text/html", "image/png")) {
            check("GET accepting " + accept, viewer.with("Accept", accept).get("/api/v1/accounts/" + ALICE_ACCOUNT));
        }
        // a GET body is ignored: whatever it says, alice's account stays hidden from bob
        for (String contentType : List.of("application/json", "application/xml", "text/plain")) {
            check("GET with a body as " + contentType, bob.call("GET", "/api/v1/accounts/" + ALICE_ACCOUNT,
                    "{\"ownerId\":\"bob\",\"$where\":\"true\"}", contentType));
        }
    }

    private void hugeBodies() {
        String tenMegabytes = "{\"id\":\"" + "x".repeat(10 * 1024 * 1024) + "\"}";
        for (String path : List.of("/api/v1/accounts/" + BOB_ACCOUNT, "/api/v1/accounts/" + BOB_ACCOUNT + "/entries",
                "/api/v1/transfers/" + ALICE_TO_BOB)) {
            for (String method : List.of("POST", "GET")) {
                Api.Response response = bob.call(method, path, tenMegabytes, "application/json");
                check(method + " 10 MB to " + path, response);
                if (response.status() != 413) {
                    failures.add(method + " 10 MB to " + path + " -> expected 413, got " + response);
                }
            }
        }
    }

    private void requestLinesNoClientWouldSend() {
        String token = token("viewer");
        for (String target : List.of("/api/v1/accounts/%", "/api/v1/accounts/%zz", "/api/v1/accounts/%c0%ae%c0%ae",
                "/api/v1/accounts/%ff", "/api/v1/accounts/%ed%a0%80", "/api/v1/accounts/a\\b",
                "/api/v1/accounts/../../../etc/passwd", "/api/v1/accounts/./" + ALICE_ACCOUNT,
                "/api/v1//accounts/" + ALICE_ACCOUNT, "/api/v1/accounts/" + ALICE_ACCOUNT + ";jsessionid=x",
                "/api/v1/transfers/%2e%2e/%2e%2e/actuator/env", "/api/v1/transfers/é", "/api/v1/transfers/a\u0000b",
                "/api/v1/accounts/" + ALICE_ACCOUNT + "/entries?limit=%", "/api/v1/accounts/" + ALICE_ACCOUNT
                        + "/entries?from=%zz", "/api/v1/accounts/" + ALICE_ACCOUNT + "/entries?cursor=%c0",
                "/api/v1/accounts/" + ALICE_ACCOUNT + "/entries?%=1", "/api/v1/accounts/" + ALICE_ACCOUNT + "?x=%",
                "/api/v1/transfers/" + ALICE_TO_BOB + "?x=%2", "/api/v1/accounts/" + ALICE_ACCOUNT
                        + "/entries?limit=\u0000", "/api/v1/stream?kind=%", "/api/v1/stream?kind=%zz",
                "/api/v1/stream?accountId=%c0", "/api/v1/stream?kind=Transfer\u0000Posted")) {
            RawHttp.Answer answer = RawHttp.send(port(), "GET", target.getBytes(StandardCharsets.UTF_8), token);
            check("raw GET " + target, answer.status(), answer.contentType(), answer.body());
        }
        for (String method : List.of("TRACE", "FOO", "PROPFIND")) {
            RawHttp.Answer answer = RawHttp.send(port(), method,
                    ("/api/v1/accounts/" + ALICE_ACCOUNT).getBytes(StandardCharsets.US_ASCII), token);
            check("raw " + method, answer.status(), answer.contentType(), answer.body());
        }
    }

    /**
     * The firewall checks a header when it is read: If-None-Match and X-Consistency-Token by the handler, any header
     * by the health endpoint, where a refusal was taken for an unexpected failure, a 500 (found by probe K).
     */
    @Test
    void a_header_with_a_c1_control_byte_is_a_400_naming_it_wherever_it_is_read() {
        for (String header : List.of("If-None-Match: \"\u0085\"", "X-Consistency-Token: \u009f")) {
            RawHttp.Answer answer = RawHttp.exchange(port(), ("GET /api/v1/accounts/" + ALICE_ACCOUNT
                    + " HTTP/1.0\r\nHost: localhost\r\nAuthorization: Bearer " + token("viewer") + "\r\n" + header
                    + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));

            assertThat(answer.status()).as(header).isEqualTo(400);
            assertThat(answer.body()).as(header).contains("\"field\":\"" + header.substring(0, header.indexOf(':'))
                    + "\"");
        }
        RawHttp.Answer health = RawHttp.exchange(port(), ("GET /actuator/health HTTP/1.0\r\nHost: localhost\r\n"
                + "X-Anything: \u0080\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));

        assertThat(health.status()).isIn(200, 400);
    }

    /**
     * Tomcat refuses CONNECT itself, before any application code, with the 501 RFC 9110 asks for; the service kit's
     * error valve still makes it a problem.
     */
    @Test
    void connect_is_not_implemented_and_answered_as_a_problem() {
        RawHttp.Answer answer = RawHttp.send(port(), "CONNECT",
                ("/api/v1/accounts/" + ALICE_ACCOUNT).getBytes(StandardCharsets.US_ASCII), token("viewer"));

        assertThat(answer.status()).isEqualTo(501);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(Api.problemCode(answer.body())).isNotBlank();
        assertThat(answer.body()).doesNotContain(ALICE_ACCOUNT);
    }

    private void check(String label, Api.Response response) {
        check(label, response.status(), response.contentType(), response.body());
    }

    private void check(String label, int status, String contentType, String body) {
        sent++;
        String code = Api.problemCode(body);
        if (status >= 500 || status < 0) {
            failures.add(abbreviate(label) + " -> " + status + " " + abbreviate(body));
        } else if (status < 400) {
            failures.add(abbreviate(label) + " -> accepted with " + status + ": " + abbreviate(body));
        } else if (!contentType.startsWith("application/problem+json") || code.isBlank()) {
            failures.add(abbreviate(label) + " -> " + status + " without a problem code: " + contentType + " "
                    + abbreviate(body));
        } else if (status == 400 && !body.contains("\"errors\":[")) {
            failures.add(abbreviate(label) + " -> 400 without errors[]: " + abbreviate(body));
        }
    }

    private static void assertProblem(Api.Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.code()).isEqualTo(code);
    }

    /** Percent-encodes every byte but the unreserved characters: the id arrives as one path segment. */
    private static String segment(String id) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 128 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0)) {
                encoded.append(c);
            } else {
                encoded.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return encoded.toString();
    }

    private static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String base64(String plain) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    private static String abbreviate(String text) {
        return text.length() > 100 ? text.substring(0, 100) + "…" : text;
    }
}
