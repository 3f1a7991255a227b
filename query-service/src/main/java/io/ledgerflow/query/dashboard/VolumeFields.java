package io.ledgerflow.query.dashboard;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * A volume document holds one UTC day of one partition and currency: the day's count and volume, and the same per
 * hour and per minute that had any ({@code hours."10:00"}, {@code minutes."10:05"}), so that every bucket size is
 * read from a few documents and no document outgrows a day's 1,440 minutes.
 */
final class VolumeFields {

    static final String COUNT = "count";
    static final String VOLUME = "volume";
    static final String HOURS = "hours";
    static final String MINUTES = "minutes";

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("HH:mm");

    private VolumeFields() {
    }

    static Map<String, Long> increments(Instant at, long amount) {
        String hour = hourKey(at);
        String minute = minuteKey(at);
        return Map.of(COUNT, 1L, VOLUME, amount,
                HOURS + "." + hour + "." + COUNT, 1L, HOURS + "." + hour + "." + VOLUME, amount,
                MINUTES + "." + minute + "." + COUNT, 1L, MINUTES + "." + minute + "." + VOLUME, amount);
    }

    static String hourKey(Instant at) {
        return LocalTime.ofInstant(at, ZoneOffset.UTC).withMinute(0).format(MINUTE);
    }

    static String minuteKey(Instant at) {
        return LocalTime.ofInstant(at, ZoneOffset.UTC).format(MINUTE);
    }
}
