package io.ledgerflow.query.dashboardpage;

import io.ledgerflow.query.support.QueryServiceTest;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard page's files are served without a token, with headers fit for a page that holds one; the API it
 * calls still wants the token. (What the page does in a browser: infra/local-stack's DashboardBrowserTest.)
 */
class DashboardPageTest extends QueryServiceTest {

    @Value("${ledgerflow.security.issuer}")
    String issuer;

    @Test
    void the_page_is_public_and_runs_only_its_own_scripts() {
        Api.Response page = anonymous.get("/dashboard/");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("<script src=\"dashboard.js\" defer></script>", "/webjars/uplot/dist/uPlot.iife.min.js");
        String policy = page.header("Content-Security-Policy");
        assertThat(policy).contains("default-src 'none'", "script-src 'self'", "frame-ancestors 'none'",
                "connect-src 'self' " + issuer.replaceAll("/+$", ""));
        assertThat(policy).doesNotContain("unsafe-inline", "unsafe-eval");
        assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
    }

    @Test
    void without_the_trailing_slash_the_page_redirects_to_its_redirect_uri() {
        Api.Response response = anonymous.get("/dashboard");

        assertThat(response.status()).isEqualTo(302);
        assertThat(response.header("Location")).endsWith("/dashboard/");
    }

    @Test
    void its_script_style_and_chart_library_are_served_from_the_jar() {
        assertThat(anonymous.get("/dashboard/dashboard.js").body()).contains("code_challenge_method: 'S256'");
        assertThat(anonymous.get("/dashboard/dashboard.css").status()).isEqualTo(200);
        Api.Response uplot = anonymous.get("/webjars/uplot/dist/uPlot.iife.min.js");
        assertThat(uplot.status()).isEqualTo(200);
        assertThat(uplot.body()).contains("uPlot");
        assertThat(anonymous.get("/webjars/uplot/dist/uPlot.min.css").status()).isEqualTo(200);
    }

    @Test
    void its_configuration_names_the_authorization_server_and_the_client() {
        Api.Response config = anonymous.get("/dashboard/config.json");

        assertThat(config.status()).isEqualTo(200);
        String base = issuer.replaceAll("/+$", "");
        assertThat(config.json().get("clientId").asText()).isEqualTo("dashboard");
        assertThat(config.json().get("authorizationEndpoint").asText()).isEqualTo(base + "/oauth2/authorize");
        assertThat(config.json().get("tokenEndpoint").asText()).isEqualTo(base + "/oauth2/token");
        assertThat(config.json().get("apiBase").asText()).isEqualTo("/api/v1");
    }

    @Test
    void the_api_behind_the_page_still_needs_a_token() {
        assertThat(anonymous.get("/api/v1/accounts").status()).isEqualTo(401);
        assertThat(anonymous.get("/webjars/swagger-ui/index.html").status()).isEqualTo(401);
    }
}
