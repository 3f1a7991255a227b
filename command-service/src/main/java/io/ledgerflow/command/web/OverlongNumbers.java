package io.ledgerflow.command.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Where a body has a number with more digits than Jackson reads (its {@link StreamReadConstraints}): Jackson refuses
 * the whole body without naming the field, so the body is scanned again, token by token, with no bound on a number's
 * length. Numbers are only stepped over, never converted, so the scan costs what reading the body's text does.
 */
final class OverlongNumbers {

    private static final JsonFactory SCANNER = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNumberLength(Integer.MAX_VALUE).build())
            .build();

    private OverlongNumbers() {
    }

    /** The path of the first number longer than Jackson's bound ({@code transfers[3].amount}), if there is one. */
    static Optional<String> firstIn(byte[] body) {
        int longest = StreamReadConstraints.defaults().getMaxNumberLength();
        try (JsonParser parser = SCANNER.createParser(body)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token.isNumeric() && parser.getTextLength() > longest) {
                    return Optional.ofNullable(pathOf(parser.getParsingContext()));
                }
            }
        } catch (IOException e) {
            return Optional.empty(); // not JSON for other reasons: the body is unreadable as a whole
        }
        return Optional.empty();
    }

    private static String pathOf(JsonStreamContext context) {
        Deque<String> steps = new ArrayDeque<>();
        for (JsonStreamContext step = context; step != null && !step.inRoot(); step = step.getParent()) {
            if (step.inObject()) {
                if (step.getCurrentName() == null) {
                    return null;
                }
                steps.addFirst("." + step.getCurrentName());
            } else {
                steps.addFirst("[" + step.getCurrentIndex() + "]");
            }
        }
        String path = String.join("", steps);
        return path.isEmpty() ? null : path.startsWith(".") ? path.substring(1) : path;
    }
}
