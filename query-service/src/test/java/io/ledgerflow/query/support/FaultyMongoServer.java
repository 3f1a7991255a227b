package io.ledgerflow.query.support;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import io.netty.channel.Channel;

import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A MongoDB wire server that can refuse writes the way a replica set member that stepped down does: the real
 * server error {@code NotWritablePrimary} (10107) over the wire, with reads still served; and can stop reads as a
 * server stops one that ran past its {@code maxTimeMS} (error 50).
 */
public final class FaultyMongoServer implements AutoCloseable {

    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findandmodify");

    private final MongoServer server;
    private volatile boolean notPrimary;
    private final AtomicInteger refusedWrites = new AtomicInteger();
    private final AtomicInteger lostAnswers = new AtomicInteger();
    private volatile boolean readsTimeOut;
    private volatile Object lastFindMaxTimeMS;

    public FaultyMongoServer() {
        server = new MongoServer(new MemoryBackend() {
            @Override
            public Document handleCommand(Channel channel, String database, String command, Document query) {
                if (command.equalsIgnoreCase("find") || command.equalsIgnoreCase("aggregate")) {
                    lastFindMaxTimeMS = query.get("maxTimeMS");
                    if (readsTimeOut) {
                        throw new MongoServerError(50, "MaxTimeMSExpired", "operation exceeded time limit");
                    }
                }
                if (notPrimary && WRITES.contains(command.toLowerCase())) {
                    refusedWrites.incrementAndGet();
                    throw new MongoServerError(10107, "NotWritablePrimary", "not primary");
                }
                if (lostAnswers.get() > 0 && WRITES.contains(command.toLowerCase())) {
                    lostAnswers.decrementAndGet();
                    super.handleCommand(channel, database, command, query);
                    throw new MongoServerError(11602, "InterruptedDueToReplStateChange", "the write was applied, "
                            + "its answer is lost");
                }
                return super.handleCommand(channel, database, command, query);
            }
        });
        server.bind("127.0.0.1", 0);
    }

    public String connectionString() {
        return "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
    }

    /** The next {@code writes} writes are applied, and then answered with an error, as if the answer were lost. */
    public void loseAnswersToWrites(int writes) {
        lostAnswers.set(writes);
    }

    public void refuseWrites(boolean refuse) {
        notPrimary = refuse;
    }

    /** Every find and aggregate is answered as MongoDB answers one that ran past its {@code maxTimeMS}. */
    public void timeOutReads(boolean timeOut) {
        readsTimeOut = timeOut;
    }

    public void forgetLastFind() {
        lastFindMaxTimeMS = null;
    }

    /**
     * The {@code maxTimeMS} the last find or aggregate asked for; null if it asked for none (or none came since
     * forgotten).
     */
    public Object lastFindMaxTimeMS() {
        return lastFindMaxTimeMS;
    }

    public int refusedWrites() {
        return refusedWrites.get();
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}
