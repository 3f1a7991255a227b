package io.ledgerflow.query.stream;

/** No subscription now: 503 with {@code Retry-After}, the client tries again later. */
class StreamUnavailableException extends RuntimeException {

    static final String LIMIT_REACHED = "STREAM_LIMIT_REACHED";
    static final String UNAVAILABLE = "SERVICE_UNAVAILABLE";

    private final String code;

    private StreamUnavailableException(String code, String detail) {
        super(detail);
        this.code = code;
    }

    static StreamUnavailableException limitReached(int maxSubscribers) {
        return new StreamUnavailableException(LIMIT_REACHED,
                "This instance serves " + maxSubscribers + " live stream subscribers already; try again later");
    }

    static StreamUnavailableException stopping() {
        return new StreamUnavailableException(UNAVAILABLE, "The service is stopping; try again later");
    }

    String code() {
        return code;
    }
}
