package io.ledgerflow.servicekit.ratelimit;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressTest {

    @Test
    void x_forwarded_for_is_ignored_unless_the_peer_is_a_trusted_proxy() {
        MockHttpServletRequest request = from("203.0.113.7", "198.51.100.1");

        assertThat(ClientAddress.of(request, List.of())).isEqualTo("203.0.113.7");
        assertThat(ClientAddress.of(request, List.of("10.0.0.1"))).isEqualTo("203.0.113.7");
    }

    @Test
    void behind_trusted_proxies_the_client_is_the_right_most_untrusted_hop() {
        // the client wrote "1.2.3.4" itself; the outer proxy 10.0.0.2 saw it connect from 198.51.100.1
        MockHttpServletRequest request = from("10.0.0.1", "1.2.3.4, 198.51.100.1, 10.0.0.2");

        assertThat(ClientAddress.of(request, List.of("10.0.0.1", "10.0.0.2"))).isEqualTo("198.51.100.1");
    }

    @Test
    void a_trusted_proxy_without_the_header_is_the_address() {
        assertThat(ClientAddress.of(from("10.0.0.1", null), List.of("10.0.0.1"))).isEqualTo("10.0.0.1");
    }

    private static MockHttpServletRequest from(String peer, String forwardedFor) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/accounts/a");
        request.setRemoteAddr(peer);
        if (forwardedFor != null) {
            request.addHeader("X-Forwarded-For", forwardedFor);
        }
        return request;
    }
}
