package io.ledgerflow.query.stream;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * The live stream's bounds.
 *
 * @param bufferSize     how many of the newest projected events this process keeps for resuming subscribers
 * @param maxBacklog     how far (in events) a subscriber may fall behind the newest event before it is dropped, and
 *                       so how far back a {@code Last-Event-ID} may resume; at most {@code bufferSize}
 * @param maxSubscribers concurrent subscribers of this process; one more is refused with 503
 * @param heartbeat      the longest a subscriber's connection stays silent: a comment then keeps proxies from
 *                       closing it and shows a dead client
 * @param retry          the reconnection delay the stream advises its clients ({@code retry:})
 * @param maxPerCaller   concurrent subscriptions of one caller (token subject) here; one more is refused with 429
 * @param openingWait    the longest a new subscription's opening waits for legs that went out while nobody watched
 *                       to settle ({@link LiveStream}); it then opens anyway
 * @param bufferBytes    what the kept events may take in memory, estimated ({@link StreamEvent#estimatedBytes()}):
 *                       past it the oldest are let go, as if the buffer were smaller
 */
@ConfigurationProperties("ledgerflow.stream")
public record StreamProperties(int bufferSize, int maxBacklog, int maxSubscribers, Duration heartbeat,
                               Duration retry, int maxPerCaller, Duration openingWait, DataSize bufferBytes) {

    public static final int DEFAULT_BUFFER_SIZE = 10_000;
    public static final int DEFAULT_MAX_SUBSCRIBERS = 100;
    public static final int DEFAULT_MAX_PER_CALLER = 20;
    public static final Duration DEFAULT_OPENING_WAIT = Duration.ofSeconds(5);
    public static final DataSize DEFAULT_BUFFER_BYTES = DataSize.ofMegabytes(32);

    public StreamProperties {
        bufferSize = bufferSize > 0 ? bufferSize : DEFAULT_BUFFER_SIZE;
        maxBacklog = maxBacklog > 0 ? Math.min(maxBacklog, bufferSize) : bufferSize;
        maxSubscribers = maxSubscribers > 0 ? maxSubscribers : DEFAULT_MAX_SUBSCRIBERS;
        heartbeat = heartbeat == null || heartbeat.isNegative() || heartbeat.isZero()
                ? Duration.ofSeconds(15) : heartbeat;
        retry = retry == null || retry.isNegative() ? Duration.ofSeconds(3) : retry;
        maxPerCaller = maxPerCaller > 0 ? maxPerCaller : DEFAULT_MAX_PER_CALLER;
        openingWait = openingWait == null || openingWait.isNegative() ? DEFAULT_OPENING_WAIT : openingWait;
        bufferBytes = bufferBytes == null || bufferBytes.toBytes() <= 0 ? DEFAULT_BUFFER_BYTES : bufferBytes;
    }
}
