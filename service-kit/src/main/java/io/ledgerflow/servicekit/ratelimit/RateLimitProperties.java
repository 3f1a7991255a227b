package io.ledgerflow.servicekit.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Token buckets per caller: per subject for a token, per client IP without one, after authentication; and per
 * client address before it, whatever the token. A caller with several roles gets the most generous of their
 * limits. Buckets live in each instance's memory: with N instances a caller may get up to N times the limit (see
 * docs/architecture.md, "Security", for a shared store).
 *
 * @param anonymous the limit per client address for requests without a token (20, refilled at 10/s)
 * @param roles limits by role name, over the built-in defaults
 * @param perAddress the limit per client address before the token is checked, so that invalid tokens count too
 *                   (1000, refilled at 500/s: above any role's, as one address may carry several callers)
 * @param outsideApi the limit per client address for every path outside {@code /api/}: health checks, metrics, the
 *                   API description, Swagger UI, the dashboard page (100, refilled at 50/s: probes, scrapes and a
 *                   page's few files stay far below it; an unauthenticated health check costs the service about
 *                   twice a refused API request, and was not limited at all)
 * @param trustedProxies addresses of reverse proxies whose {@code X-Forwarded-For} names the client; none by
 *                       default, as the header is anyone's to write. IPv6 ones in any textual form
 * @param batchTransfers per caller, by role, the transfers that batches may carry, over the built-in defaults: a
 *                       batch takes one token per transfer from this bucket on top of its one request, so batching
 *                       does not multiply what a caller's request limit lets it do
 * @param concurrentPerAddress requests of one client address running at once ({@link SlowClientsFilter}): half of
 *                       Tomcat's 200 request threads, so that one address, however slowly it sends, leaves the
 *                       others threads to be answered on
 * @param concurrentWithBody requests with a body running at once from all addresses together: three quarters of
 *                       Tomcat's 200 request threads, so that a few addresses sending slowly, each within its own
 *                       limit, still leave threads for reads and health checks
 * @param concurrentPerCaller requests with a body of one caller (token subject) running at once, from whatever
 *                       addresses: as many as one address may run, so that one caller on two addresses cannot hold
 *                       every place of {@code concurrentWithBody} either
 */
@ConfigurationProperties("ledgerflow.rate-limits")
public record RateLimitProperties(@DefaultValue("true") boolean enabled,
                                  Limit anonymous,
                                  Map<String, Limit> roles,
                                  Limit perAddress,
                                  Limit outsideApi,
                                  List<String> trustedProxies,
                                  Map<String, Limit> batchTransfers,
                                  @DefaultValue("100") int concurrentPerAddress,
                                  @DefaultValue("150") int concurrentWithBody,
                                  @DefaultValue("100") int concurrentPerCaller) {

    private static final Map<String, Limit> DEFAULTS = Map.of(
            "client", new Limit(100, 50),
            "operator", new Limit(500, 200),
            "viewer", new Limit(200, 100),
            "auditor", new Limit(100, 50),
            "admin", new Limit(50, 20));

    /** Five full batches of 1,000 at once for a client, 1,000 transfers a second after that; ten times that for an operator. */
    private static final Map<String, Limit> BATCH_TRANSFER_DEFAULTS = Map.of(
            "client", new Limit(5_000, 1_000),
            "operator", new Limit(50_000, 10_000));

    public RateLimitProperties {
        anonymous = anonymous == null ? new Limit(20, 10) : anonymous;
        Map<String, Limit> merged = new HashMap<>(DEFAULTS);
        if (roles != null) {
            merged.putAll(roles);
        }
        roles = Map.copyOf(merged);
        perAddress = perAddress == null ? new Limit(1000, 500) : perAddress;
        outsideApi = outsideApi == null ? new Limit(100, 50) : outsideApi;
        // one spelling per address, as ClientAddress compares them
        trustedProxies = trustedProxies == null ? List.of()
                : trustedProxies.stream().map(ClientAddress::canonical).toList();
        Map<String, Limit> batch = new HashMap<>(BATCH_TRANSFER_DEFAULTS);
        if (batchTransfers != null) {
            batch.putAll(batchTransfers);
        }
        batchTransfers = Map.copyOf(batch);
    }

    /** @param capacity the burst a caller may send at once; refilled by {@code perSecond} tokens each second */
    public record Limit(long capacity, long perSecond) {

        /** The most generous of {@code limits} for these roles (the largest burst), or {@code otherwise} for none. */
        static Limit mostGenerous(Map<String, Limit> limits, Set<String> roles, Limit otherwise) {
            return roles.stream().map(limits::get).filter(Objects::nonNull)
                    .max(Comparator.comparingLong(Limit::capacity)).orElse(otherwise);
        }
    }
}
