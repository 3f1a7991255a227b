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

    @Test
    void an_ipv6_client_is_its_slash_64_network_so_that_rotating_addresses_within_it_earns_no_more() {
        String first = ClientAddress.of(from("2001:db8:85a3:42:1:2:3:4", null), List.of());
        String rotated = ClientAddress.of(from("2001:db8:85a3:42:ffff:ee:dd:cc", null), List.of());
        String neighbour = ClientAddress.of(from("2001:db8:85a3:43:1:2:3:4", null), List.of());

        assertThat(first).isEqualTo("2001:db8:85a3:42::/64").isEqualTo(rotated);
        assertThat(neighbour).isEqualTo("2001:db8:85a3:43::/64");
    }

    @Test
    void an_address_counts_once_whatever_its_spelling() {
        assertThat(ClientAddress.of(from("0:0:0:0:0:0:0:1", null), List.of()))
                .isEqualTo(ClientAddress.of(from("::1", null), List.of()));
        assertThat(ClientAddress.of(from("::ffff:203.0.113.7", null), List.of())).isEqualTo("203.0.113.7");
        assertThat(ClientAddress.of(from("[2001:DB8::1%eth0]", null), List.of())).isEqualTo("2001:db8:0:0::/64");
    }

    @Test
    void an_ipv6_proxy_is_trusted_in_any_spelling_and_its_client_is_bucketed_like_any_other() {
        RateLimitProperties properties = new RateLimitProperties(true, null, null, null, null, List.of("2001:db8::a"), null,
                100, 150, 100);
        MockHttpServletRequest request = from("2001:db8:0:0:0:0:0:a", "1.2.3.4, 2001:db8:7:7::99");

        assertThat(ClientAddress.of(request, properties.trustedProxies())).isEqualTo("2001:db8:7:7::/64");
    }

    @Test
    void a_forwarded_hop_that_is_no_address_is_a_bucket_of_its_own_and_never_looked_up() {
        // not hex: must not reach InetAddress, which would ask DNS for it
        assertThat(ClientAddress.of(from("10.0.0.1", "evil.example:80"), List.of("10.0.0.1")))
                .isEqualTo("evil.example:80");
        assertThat(ClientAddress.of(from("10.0.0.1", "1:2:3"), List.of("10.0.0.1"))).isEqualTo("1:2:3");
        // a leading dot passes the character check but is no literal to Java: it would go to the resolver
        assertThat(ClientAddress.of(from("10.0.0.1", ".a:b"), List.of("10.0.0.1"))).isEqualTo(".a:b");
    }

    @Test
    void a_port_written_by_a_proxy_does_not_make_each_connection_a_client_of_its_own() {
        List<String> proxy = List.of("10.0.0.1");

        assertThat(ClientAddress.of(from("10.0.0.1", "203.0.113.7:51234"), proxy)).isEqualTo("203.0.113.7");
        assertThat(ClientAddress.of(from("10.0.0.1", "[2001:db8:1:2::9]:443"), proxy)).isEqualTo("2001:db8:1:2::/64");
        assertThat(ClientAddress.of(from("10.0.0.1", "2001:db8:1:2::443"), proxy)).as("an IPv6 address, no port")
                .isEqualTo("2001:db8:1:2::/64");
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
