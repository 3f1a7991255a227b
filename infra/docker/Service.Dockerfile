# One image recipe for both services and the authorization server: build the exec jars first
# (./mvnw -q -DskipTests package), then docker compose builds from the project root with JAR_FILE pointing at one of them.
FROM eclipse-temurin:17-jre

RUN useradd --system --uid 10001 --home-dir /app ledgerflow
WORKDIR /app
# writable by the service user: a named volume mounted here starts with this owner (the auth-server keeps its key here)
RUN mkdir /app/data && chown ledgerflow /app/data
ARG JAR_FILE
COPY ${JAR_FILE} /app/service.jar
USER ledgerflow

# configuration comes from the environment: SERVER_PORT, DATABASE_URL, DATABASE_USER, DATABASE_PASSWORD,
# KAFKA_BOOTSTRAP_SERVERS, MONGODB_URI, LEDGERFLOW_AUTH_ISSUER, LEDGERFLOW_AUTH_JWK_SET_URI (auth-server:
# SERVER_PORT, LEDGERFLOW_AUTH_ISSUER, LEDGERFLOW_AUTH_JWK_FILE)
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/service.jar"]
