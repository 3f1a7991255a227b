# One image recipe for both services: build the exec jars first (./mvnw -q -DskipTests package),
# then docker compose builds from the project root with JAR_FILE pointing at one of them.
FROM eclipse-temurin:17-jre

RUN useradd --system --uid 10001 --home-dir /app ledgerflow
WORKDIR /app
ARG JAR_FILE
COPY ${JAR_FILE} /app/service.jar
USER ledgerflow

# configuration comes from the environment: SERVER_PORT, DATABASE_URL, DATABASE_USER, DATABASE_PASSWORD,
# KAFKA_BOOTSTRAP_SERVERS, MONGODB_URI
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/service.jar"]
