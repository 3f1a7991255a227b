package io.ledgerflow.localstack;

import java.time.Duration;

/** What the launcher tells the person at the terminal. */
final class StartupReport {

    private StartupReport() {
    }

    static void starting(LocalStackConfig config) {
        System.out.println("Starting Ledgerflow (data in " + config.dataDirectory() + ", logs in " + config.logDirectory() + ") ...");
    }

    static void up(LocalStack stack, Duration took) {
        String command = stack.commandServiceUrl();
        String query = stack.queryServiceUrl();
        System.out.println("""

                Ledgerflow is up (%.1f s)

                  command-service  %s   (OpenAPI %s/v3/api-docs)   log %s
                  query-service    %s   (OpenAPI %s/v3/api-docs)   log %s

                  PostgreSQL  %s   user %s / password %s   log %s
                  Kafka       %s   (topic ledger.events.v1)
                  MongoDB     %s
                  other infrastructure logs: %s

                Try:
                  curl -s %s/actuator/health
                  curl -s -X POST %s/api/v1/accounts -H 'Content-Type: application/json' \\
                       -H "Authorization: Bearer $TOKEN" -d '{"id":"acc-1","ownerId":"alice","currency":"USD"}'
                  curl -s %s/api/v1/accounts/acc-1 -H "Authorization: Bearer $TOKEN"

                Press Ctrl-C to stop everything.
                """.formatted(
                took.toMillis() / 1000.0,
                command, command, stack.commandServiceLog(),
                query, query, stack.queryServiceLog(),
                stack.jdbcUrl(), stack.databaseUser(), stack.databasePassword(), stack.postgresLog(),
                stack.kafkaBootstrapServers(),
                stack.mongoConnectionString(),
                stack.infrastructureLog(),
                command, command, query));
    }
}
