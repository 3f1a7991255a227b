package io.ledgerflow.query.entries;

import java.util.Locale;
import java.util.Optional;

/** Statement order by global position: newest first by default. */
public enum SortOrder {
    ASC, DESC;

    static Optional<SortOrder> parse(String value) {
        for (SortOrder order : values()) {
            if (order.name().equals(value.toUpperCase(Locale.ROOT))) {
                return Optional.of(order);
            }
        }
        return Optional.empty();
    }

    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
