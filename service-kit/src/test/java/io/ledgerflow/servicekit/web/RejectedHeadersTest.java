package io.ledgerflow.servicekit.web;

import org.junit.jupiter.api.Test;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class RejectedHeadersTest {

    @Test
    void names_the_header_spring_securitys_firewall_refused_when_it_was_read() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/accounts/a/freeze");
        request.addHeader("if-match", "\"\u0085\"");
        request.addHeader("X-Consistency-Token", "\u009f");

        RequestRejectedException ifMatch = catchThrowableOfType(RequestRejectedException.class,
                () -> new StrictHttpFirewall().getFirewalledRequest(request).getHeader("If-Match"));
        RequestRejectedException token = catchThrowableOfType(RequestRejectedException.class,
                () -> new StrictHttpFirewall().getFirewalledRequest(request).getHeader("X-Consistency-Token"));

        assertThat(RejectedHeaders.named(ifMatch.getMessage())).isEqualTo("If-Match");
        assertThat(RejectedHeaders.named(token.getMessage())).isEqualTo("X-Consistency-Token");
        assertThat(RejectedHeaders.named("something else")).isEqualTo("header");
    }
}
