package io.ledgerflow.query.stream;

import io.ledgerflow.events.envelope.EventEnvelope;
import io.ledgerflow.query.messaging.ProjectionObserver;
import io.ledgerflow.query.pairing.PairsSettledListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.security.SecureRandom;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live stream of this process: the projected events go into the {@link EventRing}; each subscriber reads it on
 * its own thread. The consumer thread only writes the ring and, once per batch, drops the subscribers that fell
 * further behind than {@code max-backlog}: a client can slow down nobody but itself.
 * <p>
 * A lifecycle bean of the highest phase: on shutdown its subscriptions end before the web server waits for the
 * requests still running, so open streams do not hold up a graceful shutdown.
 */
@Component
public class LiveStream implements ProjectionObserver, PairsSettledListener, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LiveStream.class);

    /** Events held back until their legs' pairs settle, at most (see {@link LegHold}). */
    private static final int MAX_HELD_EVENTS = 10_000;
    private final StreamProperties properties;
    private final EventRing ring;
    private final LegHold legHold = new LegHold(MAX_HELD_EVENTS);
    /**
     * Guards deciding whether legs are held against a subscriber attaching meanwhile, and keeps what the hold lets out
     * in the ring in the order it let it out.
     */
    private final Object watching = new Object();
    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final Semaphore places;
    private final Counter dropped;
    private final AtomicLong threads = new AtomicLong();
    private volatile boolean running;

    public LiveStream(StreamProperties properties, MeterRegistry meters) {
        this.properties = properties;
        this.ring = new EventRing(properties.bufferSize(), properties.maxBacklog(), properties.bufferBytes().toBytes(),
                newInstance());
        this.places = new Semaphore(properties.maxSubscribers());
        this.dropped = Counter.builder("ledgerflow.stream.subscribers.dropped")
                .description("live stream subscribers dropped for reading too slowly").register(meters);
        Gauge.builder("ledgerflow.stream.subscribers", subscribers, Set::size)
                .description("live stream subscribers connected").register(meters);
        Gauge.builder("ledgerflow.stream.events", ring, EventRing::head)
                .description("events this process has published to the live stream").register(meters);
    }

    /** Whether the legs pass unheld and the ring keeps what is published: decided and done as one. */
    @Override
    public void projected(List<EventEnvelope> events) {
        synchronized (watching) {
            publish(legHold.passing(events, ring.keeping()));
        }
    }

    /**
     * A settled pair's legs held back go out now, with what waited behind them (on the thread that settled it).
     * Released and published as one, as the batches are: else another consumer's thread could publish an account's
     * later events between this one's release and its publishing.
     */
    @Override
    public void settled(Collection<String> pairs) {
        synchronized (watching) {
            List<EventEnvelope> released = legHold.release(pairs);
            if (!released.isEmpty()) {
                publish(released);
            }
        }
    }

    private void publish(List<EventEnvelope> events) {
        long head = ring.publish(events);
        for (Subscriber subscriber : subscribers) {
            if (head - subscriber.sent() > properties.maxBacklog()) {
                subscriber.drop();
            }
        }
    }

    /**
     * A new subscription, served from now on (or from after {@code lastEventId}) until the client leaves, reads too
     * slowly, or the service stops.
     *
     * @throws StreamUnavailableException when {@code max-subscribers} are connected or the service is stopping
     */
    Subscriber subscribe(StreamFilter filter, String lastEventId, StreamSink sink) {
        if (!running) {
            throw StreamUnavailableException.stopping();
        }
        if (!places.tryAcquire()) {
            throw StreamUnavailableException.limitReached(properties.maxSubscribers());
        }
        EventRing.Resume resume;
        long ticket;
        synchronized (watching) {
            resume = ring.attach(lastEventId);
            ticket = legHold.nextTicket();
        }
        Subscriber subscriber = new Subscriber(ring, filter, resume, sink, properties, dropped, this::ended);
        awaitLegsThatWentOutUnwatched(ticket);
        subscribers.add(subscriber);
        Thread thread = new Thread(subscriber, "live-stream-" + threads.incrementAndGet());
        thread.setDaemon(true);
        subscriber.start(thread);
        return subscriber;
    }

    /**
     * Legs that went out while nobody watched are not in the ring: the opening waits until their pairs are settled,
     * so that a read after it shows them. From the attach on, legs are held for the ring.
     * <p>
     * The wait is bounded ({@code opening-wait}): a pair settles once the slower of its two partitions' consumers has
     * projected its other leg, well under a second unless the consumers are seconds behind, but one whose other leg
     * another instance projects never settles here.
     */
    private void awaitLegsThatWentOutUnwatched(long ticket) {
        try {
            if (!legHold.awaitSettledBefore(ticket, properties.openingWait().toNanos())) {
                log.warn("Opening a live stream subscription while legs that went out before it are unsettled");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ring.detach();
            places.release();
            throw StreamUnavailableException.stopping();
        }
    }

    /** How many events this process has streamed. */
    long published() {
        return ring.head();
    }

    /** Subscribers holding a place: a place is given back last, once the ring has let go of its subscriber. */
    int subscriberCount() {
        return properties.maxSubscribers() - places.availablePermits();
    }

    private void ended(Subscriber subscriber) {
        if (subscribers.remove(subscriber)) {
            ring.detach();
            places.release();
        }
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        subscribers.forEach(Subscriber::close);
        ring.wakeReaders();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Random per process, so that an id from another process or an earlier run names nothing here. */
    private static String newInstance() {
        return Long.toUnsignedString(new SecureRandom().nextLong(), 36);
    }
}
