package io.ledgerflow.query.support;

import java.util.ArrayList;
import java.util.List;

/**
 * One block of a Server-Sent Events stream, as a client reads it (fields parsed per the HTML living standard:
 * one optional space after the colon is dropped).
 *
 * @param id       the {@code id:} field, null if absent
 * @param event    the {@code event:} field, null if absent
 * @param data     the {@code data:} lines joined by newlines, null if absent
 * @param retry    the {@code retry:} field, null if absent
 * @param comments the comment lines, without their colon
 */
public record SseFrame(String id, String event, String data, String retry, List<String> comments) {

    /** An event a client's {@code onmessage} would get: it has data. */
    public boolean isEvent() {
        return data != null;
    }

    /** The complete blocks of {@code text}, in order; a trailing unfinished block is left out. */
    public static List<SseFrame> parse(String text) {
        List<SseFrame> frames = new ArrayList<>();
        Builder block = new Builder();
        int start = 0;
        int end;
        while ((end = text.indexOf('\n', start)) >= 0) {
            String line = text.substring(start, end);
            start = end + 1;
            if (line.isEmpty()) {
                if (!block.isEmpty()) {
                    frames.add(block.build());
                }
                block = new Builder();
            } else {
                block.line(line);
            }
        }
        return frames;
    }

    /** Collects one block's lines. */
    static final class Builder {

        private String id;
        private String event;
        private StringBuilder data;
        private String retry;
        private final List<String> comments = new ArrayList<>();
        private boolean empty = true;

        void line(String line) {
            empty = false;
            if (line.startsWith(":")) {
                comments.add(line.substring(1).trim());
                return;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "id" -> id = value;
                case "event" -> event = value;
                case "retry" -> retry = value;
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                default -> { }
            }
        }

        boolean isEmpty() {
            return empty;
        }

        SseFrame build() {
            return new SseFrame(id, event, data == null ? null : data.toString(), retry, List.copyOf(comments));
        }
    }
}
