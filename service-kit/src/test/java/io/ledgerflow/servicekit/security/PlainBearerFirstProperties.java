package io.ledgerflow.servicekit.security;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The resolver with the plain fast path resolves exactly what Spring Security's own resolves, and refuses the same. */
class PlainBearerFirstProperties {

    @Property(tries = 3000)
    void answers_as_the_default_resolver_for_headers_near_the_bearer_shape(@ForAll("nearBearer") String header) {
        assertSameAnswer(header);
    }

    @Property(tries = 2000)
    void answers_as_the_default_resolver_for_any_header(@ForAll @StringLength(max = 40) String header) {
        assertSameAnswer(header);
    }

    @Example
    void the_edges_answer_as_the_default_resolver_does() {
        for (String header : List.of("Bearer", "Bearer ", "Bearer  abc", "bearer abc", "BEARER abc", "Bearer abc ",
                "Bearer a=b", "Bearer ab==", "Bearer ==", "Bearer a\n", "Bearer a\u00e9", "Basic dXNlcjpwYXNz",
                "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln-_~+/")) {
            assertSameAnswer(header);
        }
        assertSameAnswer(null);
    }

    @Provide
    Arbitrary<String> nearBearer() {
        Arbitrary<String> scheme = Arbitraries.of("Bearer ", "bearer ", "Bearer", "Bearer  ", "BeArEr ", "Bearer\t", "");
        Arbitrary<String> token = Arbitraries.strings().withChars("aZ09-._~+/= \u00e9\n\t%").ofMaxLength(12);
        return scheme.flatMap(prefix -> token.map(rest -> prefix + rest));
    }

    private static void assertSameAnswer(String header) {
        assertThat(outcome(new PlainBearerFirst(), header)).as("%s", header)
                .isEqualTo(outcome(new DefaultBearerTokenResolver(), header));
    }

    /** The token, or the refusal's error code. */
    private static String outcome(org.springframework.security.oauth2.server.resource.web.BearerTokenResolver resolver,
                                  String header) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/accounts/a");
        if (header != null) {
            request.addHeader("Authorization", header);
        }
        try {
            return "token:" + resolver.resolve(request);
        } catch (org.springframework.security.oauth2.core.OAuth2AuthenticationException refused) {
            return "refused:" + refused.getError().getErrorCode();
        }
    }
}
