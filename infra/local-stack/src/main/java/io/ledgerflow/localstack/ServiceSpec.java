package io.ledgerflow.localstack;

import java.nio.file.Path;
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

    List<String> command() {
        return Stream.of(List.of(javaExecutable), jvmOptions, List.of("-jar", jar.toString()))
                .flatMap(List::stream)
                .toList();
    }
}
