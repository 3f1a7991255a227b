package io.ledgerflow.query.deadletter;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where a dead letter lies on the dead-letter topic; written {@code <partition>-<offset>}. */
record DeadLetterId(int partition, long offset) {

    private static final Pattern FORMAT = Pattern.compile("([0-9]{1,9})-([0-9]{1,18})");

    static Optional<DeadLetterId> parse(String id) {
        Matcher matcher = id == null ? null : FORMAT.matcher(id);
        if (matcher == null || !matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(new DeadLetterId(Integer.parseInt(matcher.group(1)), Long.parseLong(matcher.group(2))));
    }

    @Override
    public String toString() {
        return partition + "-" + offset;
    }
}
