package io.ledgerflow.query.stream;

import io.ledgerflow.servicekit.security.Caller;
import io.ledgerflow.servicekit.web.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-Sent Events of the projected account and transfer events. The servlet thread returns at once; each
 * subscription is served by a thread of its own (see {@link LiveStream}).
 */
@RestController
@RequestMapping("/api/v1/stream")
public class StreamController {

    public static final String LAST_EVENT_ID = "Last-Event-ID";
    /** A full instance frees a place as soon as any client leaves; a stopping one is replaced within seconds. */
    private static final String RETRY_AFTER_SECONDS = "5";
    /** The response never times out: the heartbeat finds clients that are gone. */
    private static final long NO_TIMEOUT = 0L;

    private final LiveStream stream;
    private final CallerStreams callers;

    public StreamController(LiveStream stream, CallerStreams callers) {
        this.stream = stream;
        this.callers = callers;
    }

    @Operation(summary = "Live account and transfer events (Server-Sent Events), each sent once it is projected",
            description = "Each event: `id: <opaque id>`, `event: <type>`, `data: {type, position, sequence, at, "
                    + "accountIds, transferId, event}`. Resume with the `Last-Event-ID` header; when that id is "
                    + "unknown or too old, the stream starts with `event: reset`. Comments are heartbeats.")
    @ApiResponse(responseCode = "200", description = "The stream, until the client leaves, reads too slowly, or "
            + "the service stops", content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
            schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "429", description = "You hold ledgerflow.stream.max-per-caller streams on this "
            + "instance already (RATE_LIMITED); see Retry-After",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @ApiResponse(responseCode = "503", description = "Too many subscribers on this instance "
            + "(STREAM_LIMIT_REACHED) or the service is stopping; see Retry-After",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @GetMapping
    public ResponseEntity<SseEmitter> stream(
            @Parameter(description = "only this account's events and the transfers debiting or crediting it")
            @RequestParam(required = false) String accountId,
            @Parameter(description = "comma-separated event types (TransferPosted, AccountCredited, …) and/or the "
                    + "words account and transfer") @RequestParam(required = false) String kind,
            @Parameter(description = "the id of the last event received, to resume after it")
            @RequestHeader(name = LAST_EVENT_ID, required = false) String lastEventId,
            @Parameter(hidden = true) @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
            @Parameter(hidden = true) HttpMethod method) throws HttpMediaTypeNotAcceptableException {
        StreamFilter filter = StreamFilter.parse(accountId, kind);
        StreamAccept.require(accept); // after the checks of the request: an error keeps its status whatever Accept says
        if (method == HttpMethod.HEAD) {
            // a HEAD answer has no body to write: a subscription would hold a place that no write ever frees
            return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                    .contentType(MediaType.TEXT_EVENT_STREAM).build();
        }
        CallerStreams.Place place = callers.take(Caller.current().map(Caller::subject).orElse(""));
        SseEmitter emitter = new SseEmitter(NO_TIMEOUT);
        Subscriber subscriber;
        try {
            subscriber = stream.subscribe(filter, lastEventId, new EmitterSink(emitter, place));
        } catch (RuntimeException refused) {
            place.run();
            throw refused;
        }
        place.serving(subscriber);
        Runnable ended = () -> {
            subscriber.close();
            place.run();
        };
        emitter.onCompletion(ended);
        emitter.onTimeout(ended);
        emitter.onError(failure -> ended.run());
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                // nginx and alike would otherwise buffer the stream
                .header("X-Accel-Buffering", "no")
                .body(emitter);
    }

    @ExceptionHandler(CallerStreams.CallerStreamLimitException.class)
    ResponseEntity<ProblemDetail> tooManyOfYours(CallerStreams.CallerStreamLimitException e) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(HttpStatus.TOO_MANY_REQUESTS, "RATE_LIMITED", e.getMessage()));
    }

    @ExceptionHandler(StreamUnavailableException.class)
    ResponseEntity<ProblemDetail> unavailable(StreamUnavailableException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, e.code(), e.getMessage()));
    }
}
