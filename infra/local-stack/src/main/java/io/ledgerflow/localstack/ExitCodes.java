package io.ledgerflow.localstack;

/** What a service's exit code says, for the console. */
final class ExitCodes {

    /** What -XX:+ExitOnOutOfMemoryError exits with. */
    private static final int OUT_OF_MEMORY = 3;
    private static final int SIGNALLED = 128;

    private ExitCodes() {
    }

    static String describe(int exitCode) {
        String meaning = switch (exitCode) {
            case OUT_OF_MEMORY -> " (out of memory: -XX:+ExitOnOutOfMemoryError)";
            case SIGNALLED + 9 -> " (killed: SIGKILL)";
            case SIGNALLED + 15 -> " (terminated: SIGTERM)";
            default -> exitCode > SIGNALLED && exitCode < SIGNALLED + 32 ? " (signal " + (exitCode - SIGNALLED) + ")" : "";
        };
        return "exit code " + exitCode + meaning;
    }
}
