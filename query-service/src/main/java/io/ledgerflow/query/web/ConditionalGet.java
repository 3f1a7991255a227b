package io.ledgerflow.query.web;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import java.util.Arrays;
import java.util.List;

/**
 * A versioned representation: its version is the ETag, and {@code If-None-Match} naming that version answers 304
 * (Spring's own check). {@code If-None-Match: *} answers 304 too, as RFC 9110 section 13.1.2 says for a resource
 * that exists: Spring honours {@code *} only for unsafe methods.
 */
public final class ConditionalGet {

    private ConditionalGet() {
    }

    public static <T> ResponseEntity<T> versioned(long version, T body, List<String> ifNoneMatch) {
        String eTag = "\"" + version + "\"";
        if (namesAnyVersion(ifNoneMatch)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(eTag).cacheControl(CacheControl.noStore())
                    .build();
        }
        return ResponseEntity.ok().eTag(eTag).cacheControl(CacheControl.noStore()).body(body);
    }

    static boolean namesAnyVersion(List<String> ifNoneMatch) {
        return ifNoneMatch != null && ifNoneMatch.stream()
                .flatMap(value -> Arrays.stream(value.split(",")))
                .anyMatch(tag -> tag.trim().equals("*"));
    }
}
