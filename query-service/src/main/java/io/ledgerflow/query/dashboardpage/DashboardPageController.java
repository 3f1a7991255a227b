package io.ledgerflow.query.dashboardpage;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

import java.util.Map;

/**
 * The dashboard web page: static files in the jar ({@code static/dashboard/}), public like any page; the data
 * it shows comes from the API, each call with the signed-in person's bearer token. Not part of the API, so not
 * in the OpenAPI document.
 */
@Hidden
@Controller
@EnableConfigurationProperties(DashboardPageProperties.class)
class DashboardPageController {

    static final String PATH = "/dashboard/";

    private final DashboardPageProperties properties;

    DashboardPageController(DashboardPageProperties properties) {
        this.properties = properties;
    }

    @GetMapping("/dashboard")
    String withTrailingSlash() {
        return "redirect:" + PATH;
    }

    /** The page lives at {@code /dashboard/}, which is also its redirect URI at the authorization server. */
    @GetMapping(PATH)
    String page() {
        return "forward:" + PATH + "index.html";
    }

    /** What the page needs to start a sign-in: where, and as which client. */
    @GetMapping(PATH + "config.json")
    @ResponseBody
    ResponseEntity<Map<String, String>> configuration() {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(Map.of(
                "issuer", properties.issuer(),
                "authorizationEndpoint", properties.authorizationEndpoint(),
                "tokenEndpoint", properties.tokenEndpoint(),
                "clientId", properties.clientId(),
                "apiBase", "/api/v1"));
    }
}
