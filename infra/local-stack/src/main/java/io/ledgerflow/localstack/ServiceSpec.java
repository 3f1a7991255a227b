package io.ledgerflow.localstack;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One service to run as a child JVM: {@code java <jvmOptions> -jar <jar>} with {@code environment} added to
 * the launcher's own, output appended to {@code logFile}.
 */
record ServiceSpec(
        String name,
        Path jar,
        int port,
        Map<String, String> environment,
        String javaExecutable,
        List<String> jvmOptions,
        Path workingDirectory,
        Path logFile,
        Path pidFile) {

    ServiceSpec {
        environment = Map.copyOf(environment);
        jvmOptions = List.copyOf(jvmOptions);
    }

    /** A service of the local stack: its log and pid file by its name, SERVER_PORT added to the shared environment. */
    static ServiceSpec of(LocalStackConfig config, String name, Path jar, int requestedPort, Map<String, String> shared) {
        int port = Ports.resolve(requestedPort);
        Map<String, String> environment = new HashMap<>(shared);
        // glibc gives busy threads malloc arenas of their own (up to 8 per core), which grows resident memory
        environment.putIfAbsent("MALLOC_ARENA_MAX", System.getenv().getOrDefault("MALLOC_ARENA_MAX", "2"));
        environment.put("SERVER_PORT", Integer.toString(port));
        return new ServiceSpec(name, jar, port, environment, config.javaExecutable(), config.serviceJvmOptions(),
                config.workingDirectory(), config.logDirectory().resolve(name + ".log"), config.pidFile(name));
    }

    List<String> command() {
        return Stream.of(List.of(javaExecutable), jvmOptions, List.of("-jar", jar.toString()))
                .flatMap(List::stream)
                .toList();
    }
}
