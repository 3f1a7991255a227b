package io.ledgerflow.auth;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * What the dashboard page and its browser do in the authorization code flow with PKCE, over HTTP: the
 * authorization request, the login form (cookies kept, redirects inspected rather than followed), the
 * redirect back with a code, and the code exchange from the page's origin.
 */
final class BrowserSignIn {

    static final String CLIENT_ID = "dashboard";
    static final String REDIRECT_URI = "http://localhost:8082/dashboard/";
    static final String PAGE_ORIGIN = "http://localhost:8082";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final String baseUrl;
    final String codeVerifier = randomUrlSafe(32);
    final String state = randomUrlSafe(16);

    BrowserSignIn(int port) {
        this.baseUrl = "http://localhost:" + port;
    }

    String authorizationRequest(String redirectUri) {
        return baseUrl + "/oauth2/authorize?" + form(Map.of("response_type", "code", "client_id", CLIENT_ID,
                "redirect_uri", redirectUri, "state", state, "code_challenge", challengeOf(codeVerifier),
                "code_challenge_method", "S256"));
    }

    HttpResponse<String> navigate(String url) {
        return send(HttpRequest.newBuilder(URI.create(url.startsWith("http") ? url : baseUrl + url))
                .header("Accept", "text/html").GET().build());
    }

    /** Fills and posts the login page's form, as a person would. */
    HttpResponse<String> logIn(String username, String password) {
        HttpResponse<String> page = navigate("/login");
        Matcher csrf = CSRF.matcher(page.body());
        if (!csrf.find()) {
            throw new AssertionError("no CSRF token on the login page: " + page.statusCode() + " " + page.headers().map() + " " + page.body());
        }
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", username, "password", password,
                        "_csrf", csrf.group(1))))).build());
    }

    /** The whole sign-in up to the redirect back to the page; the code it carries. */
    String codeFor(String username, String password) {
        HttpResponse<String> toLogin = navigate(authorizationRequest(REDIRECT_URI));
        assertRedirect(toLogin, "/login");
        HttpResponse<String> loggedIn = logIn(username, password);
        HttpResponse<String> backToAuthorize = navigate(location(loggedIn));
        String redirect = location(backToAuthorize);
        if (!redirect.startsWith(REDIRECT_URI)) {
            throw new AssertionError("expected a redirect to the page, got " + backToAuthorize.statusCode() + " " + redirect);
        }
        Map<String, String> parameters = UriComponentsBuilder.fromUriString(redirect).build().getQueryParams().toSingleValueMap();
        if (!state.equals(parameters.get("state"))) {
            throw new AssertionError("state not returned: " + redirect);
        }
        return parameters.get("code");
    }

    /** The page's token request: a public client, no secret, the verifier proving it started the flow. */
    HttpResponse<String> exchange(String code, String verifier) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("grant_type", "authorization_code");
        parameters.put("code", code);
        parameters.put("redirect_uri", REDIRECT_URI);
        parameters.put("client_id", CLIENT_ID);
        parameters.put("code_verifier", verifier);
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .header("Origin", PAGE_ORIGIN)
                .POST(HttpRequest.BodyPublishers.ofString(form(parameters))).build());
    }

    static String location(HttpResponse<?> response) {
        Optional<String> location = response.headers().firstValue("Location");
        return location.orElseThrow(() -> new AssertionError("no redirect: " + response.statusCode() + " " + response.body()));
    }

    static void assertRedirect(HttpResponse<?> response, String pathEnding) {
        if (response.statusCode() != 302 || !URI.create(location(response)).getPath().endsWith(pathEnding)) {
            throw new AssertionError("expected a redirect to " + pathEnding + ", got " + response.statusCode() + " " + response.headers().map());
        }
    }

    static String challengeOf(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String randomUrlSafe(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static String form(Map<String, String> parameters) {
        return parameters.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return browser.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
