package io.ledgerflow.events;

import java.util.Map;

/** The text a client chose for an event (metadata, a reference): what makes one event larger than another. */
public final class ClientText {

    private ClientText() {
    }

    /** The characters (UTF-16 code units) of the metadata's keys and values and of the other texts; nulls count 0. */
    public static long chars(Map<String, String> metadata, String... texts) {
        long chars = 0;
        if (metadata != null) {
            for (Map.Entry<String, String> entry : metadata.entrySet()) {
                chars += entry.getKey().length() + (entry.getValue() == null ? 0 : entry.getValue().length());
            }
        }
        for (String text : texts) {
            chars += text == null ? 0 : text.length();
        }
        return chars;
    }
}
