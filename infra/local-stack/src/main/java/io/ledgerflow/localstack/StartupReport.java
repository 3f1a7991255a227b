package io.ledgerflow.localstack;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** What the launcher tells the person at the terminal. */
final class StartupReport {

    static final String TOPIC = "ledger.events.v1";
    static final String CONSOLE_CONSUMER = "org.apache.kafka.tools.consumer.ConsoleConsumer";
    /** A logback configuration in the launcher's jar for command-line tools: warnings only, on stderr. */
    static final String TOOLS_LOGGING = "-Dlogback.configurationFile=logback-tools.xml";

    private StartupReport() {
    }

    static void starting(LocalStackConfig config) {
        System.out.println("Starting Ledgerflow (data in " + config.dataDirectory() + ", logs in " + config.logDirectory() + ") ...");
    }

    static void up(LocalStack stack, Duration took) {
        System.out.println(text(stack, took, launcherJar()));
    }

    /** The report; {@code launcherJar} (absent when running from classes) completes the console consumer command. */
    static String text(LocalStack stack, Duration took, Optional<Path> launcherJar) {
        String command = stack.commandServiceUrl();
        String query = stack.queryServiceUrl();
        String auth = stack.authIssuer();
        return """

                Ledgerflow is up (%.1f s)

                  command-service  %s   (OpenAPI %s/v3/api-docs)   log %s
                  query-service    %s   (OpenAPI %s/v3/api-docs)   log %s
                  auth-server      %s   (token endpoint %s)   log %s
                  these three listen on %s (LEDGERFLOW_BIND_ADDRESS)

                  dashboard        %s
                                   sign in as %s

                  PostgreSQL  %s   user %s / password %s   log %s
                  Kafka       %s   (topic %s)
                  MongoDB     %s
                  other infrastructure logs: %s

                Demo clients (OAuth2 client credentials grant; the secret is <id>-secret, e.g. alice / alice-secret):
                  alice, bob   role client: open accounts for themselves, transfer out of them, read them
                  operator     role operator: what a client may, for any owner; deposits and withdrawals (money enters
                               and leaves the ledger only through an operator); freeze, close, reopen, overdraft limits
                  viewer       role viewer: read every account, entry, transfer and dashboard
                  auditor      role auditor: the audit API (read-only)
                  admin        role admin: projection rebuild, dead letters

                Try (a token lasts 15 minutes):
                  %s
                  curl -s -X POST %s/api/v1/accounts -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d '{"id":"acc-1","currency":"USD"}'
                  %s
                  curl -s -X POST %s/api/v1/accounts/acc-1/deposits -H "Authorization: Bearer $OPERATOR_TOKEN" -H 'Content-Type: application/json' -d '{"id":"dep-acc-1","amount":10000}'
                  curl -s %s/api/v1/accounts/acc-1 -H "Authorization: Bearer $TOKEN"
                %s
                Press Ctrl-C to stop everything.
                """.formatted(
                took.toMillis() / 1000.0,
                command, command, stack.commandServiceLog(),
                query, query, stack.queryServiceLog(),
                auth, stack.authTokenEndpoint(), stack.authServerLog(),
                LocalStackConfig.bindAddress(),
                stack.dashboardUrl(), LocalAuthServer.DEMO_LOGINS,
                stack.jdbcUrl(), stack.databaseUser(), stack.databasePassword(), stack.postgresLog(),
                stack.kafkaBootstrapServers(), TOPIC,
                stack.mongoConnectionString(),
                stack.infrastructureLog(),
                tokenCommand("TOKEN", stack.authTokenEndpoint(), "alice"),
                command,
                tokenCommand("OPERATOR_TOKEN", stack.authTokenEndpoint(), "operator"),
                command, query,
                launcherJar.map(jar -> """

                        Watch the events (Kafka's console consumer, from the launcher's classpath):
                          %s
                        """.formatted(consoleConsumerCommand(jar, stack.kafkaBootstrapServers()))).orElse(""));
    }

    /** Sets {@code variable} to an access token of a demo client; needs only curl and sed. */
    static String tokenCommand(String variable, String tokenEndpoint, String clientId) {
        return variable + "=$(curl -s -u %s:%s-secret -d grant_type=client_credentials %s | sed -E 's/.*\"access_token\":\"([^\"]+)\".*/\\1/')"
                .formatted(clientId, clientId, tokenEndpoint);
    }

    static String consoleConsumerCommand(Path launcherJar, String bootstrapServers) {
        return "java %s -cp %s %s --bootstrap-server %s --topic %s --from-beginning --property print.key=true --property print.headers=true"
                .formatted(TOOLS_LOGGING, launcherJar, CONSOLE_CONSUMER, bootstrapServers, TOPIC);
    }

    /** The jar this launcher runs from; its manifest's Class-Path names every jar in lib/. */
    private static Optional<Path> launcherJar() {
        try {
            Path location = Path.of(LocalStack.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(location) ? Optional.of(location) : Optional.empty();
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
