package io.ledgerflow.command.audit.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerflow.events.audit.AuditedEvent;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * Writes events as NDJSON: one {@link AuditedEvent} per line, serialized by a plain ObjectMapper (field names as the
 * record's), each written as soon as it is read.
 */
final class NdjsonExport {

    static final String MEDIA_TYPE = "application/x-ndjson";
    private static final MediaType NDJSON = MediaType.parseMediaType(MEDIA_TYPE);
    private static final Logger LOG = LoggerFactory.getLogger(NdjsonExport.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The export failed after its first bytes were sent: too late for a problem answer. */
    static final class Interrupted extends RuntimeException {
        Interrupted(Throwable cause) {
            super("the NDJSON export was interrupted", cause);
        }
    }

    private NdjsonExport() {
    }

    /** True when the client asks for NDJSON and does not prefer JSON to it. */
    static boolean isAsked(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        List<MediaType> types;
        try {
            types = MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException e) {
            return false;
        }
        double ndjson = quality(types, NDJSON);
        return ndjson > 0 && ndjson >= quality(types, MediaType.APPLICATION_JSON);
    }

    private static double quality(List<MediaType> types, MediaType wanted) {
        return types.stream().filter(type -> type.getType().equals(wanted.getType())
                        && type.getSubtype().equals(wanted.getSubtype()))
                .mapToDouble(MediaType::getQualityValue).max().orElse(0);
    }

    static void write(HttpServletResponse response, Consumer<Consumer<AuditedEvent>> source) throws IOException {
        response.setContentType(MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        OutputStream out = new BufferedOutputStream(response.getOutputStream(), 64 * 1024);
        try {
            source.accept(event -> {
                try {
                    out.write(JSON.writeValueAsBytes(event));
                    out.write('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            out.flush();
        } catch (RuntimeException | IOException e) {
            if (!response.isCommitted()) {
                throw e;
            }
            LOG.warn("audit export: interrupted after the response was committed: {}", e.toString());
            throw new Interrupted(e);
        }
    }
}
