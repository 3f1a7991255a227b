package io.ledgerflow.query.stream;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotAcceptableException;

import java.util.Comparator;
import java.util.List;

/**
 * The stream is only ever {@code text/event-stream}: a request whose {@code Accept} excludes it is 406, as every
 * other read is, instead of a stream the client said it cannot take. Spring checks {@code Accept} when it writes a
 * body, which a stream's emitter never asks it to do. The most specific range that covers the type decides
 * ({@code text/event-stream;q=0, *}{@code /*} refuses it); none given, or a blank one, takes anything.
 */
final class StreamAccept {

    private static final List<MediaType> PRODUCED = List.of(MediaType.TEXT_EVENT_STREAM);

    private StreamAccept() {
    }

    static void require(String accept) throws HttpMediaTypeNotAcceptableException {
        if (accept == null || accept.isBlank()) {
            return;
        }
        List<MediaType> ranges;
        try {
            ranges = MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException malformed) {
            throw new HttpMediaTypeNotAcceptableException("Could not parse 'Accept' header [" + accept + "]");
        }
        double quality = ranges.stream()
                .filter(range -> range.includes(MediaType.TEXT_EVENT_STREAM))
                .max(Comparator.comparingInt(StreamAccept::specificity))
                .map(MediaType::getQualityValue)
                .orElse(0.0);
        if (quality <= 0) {
            throw new HttpMediaTypeNotAcceptableException(PRODUCED);
        }
    }

    private static int specificity(MediaType range) {
        return range.isWildcardType() ? 0 : range.isWildcardSubtype() ? 1 : 2;
    }
}
