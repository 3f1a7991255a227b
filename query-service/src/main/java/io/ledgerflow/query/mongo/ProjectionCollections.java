package io.ledgerflow.query.mongo;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The read-model collections, and the indexes the read API's queries rely on.
 * <p>
 * The projections exist in generations: a rebuild writes a new generation into collections of their own
 * ({@code accounts_g1}, …; generation {@value #INITIAL_GENERATION} has the names without a suffix) while the
 * current one is served, then makes it current. Nobody may hold a {@link MongoCollection} of a projection: ask for
 * it when about to use it. A query gets the current generation's; a consumer thread that was told which generation
 * it writes ({@link #writeTo}) gets that one's, and so does a read request's thread, held to the generation current
 * when it began ({@code OneGenerationPerRead}); {@link #in} does the same for one piece of work.
 */
public class ProjectionCollections {

    public static final String ACCOUNTS = "accounts";
    public static final String ENTRIES = "entries";
    public static final String TRANSFERS = "transfers";
    /** An account's balances after each of its balance-changing events, to show it as of an earlier version. */
    public static final String BALANCE_HISTORY = "balance_history";
    /** The two legs of each step of a transfer, and whether readers may show that step. */
    public static final String LEG_PAIRS = "leg_pairs";
    public static final String PROJECTION_STATE = "projection_state";
    /** Transfer counts and sums per partition and currency. */
    public static final String DASHBOARD_TOTALS = "dashboard_totals";
    /** Posted transfers per partition, currency and UTC day, with the day's hours and minutes. */
    public static final String DASHBOARD_VOLUME = "dashboard_volume";
    /** The highest sequence of each transfer the dashboard counted, so that a republished event is not. */
    public static final String DASHBOARD_TRANSFERS = "dashboard_transfers";
    /** Which dead letters an admin re-applied; not a projection (a rebuild keeps it). */
    public static final String DEAD_LETTER_RETRIES = "dead_letter_retries";
    /** The generation of the collections named without a suffix: the first one of any database. */
    public static final String INITIAL_GENERATION = "0";
    /** The read models built from the ledger topic, kept per generation (the others are shared by all). */
    public static final List<String> PROJECTIONS = List.of(ACCOUNTS, ENTRIES, TRANSFERS, BALANCE_HISTORY,
            LEG_PAIRS, DASHBOARD_TOTALS, DASHBOARD_VOLUME, DASHBOARD_TRANSFERS);

    private static final Logger log = LoggerFactory.getLogger(ProjectionCollections.class);

    private final MongoDatabase database;
    private final ThreadLocal<String> writing = new ThreadLocal<>();
    private volatile String current = INITIAL_GENERATION;
    private final AtomicLong losses = new AtomicLong();

    public ProjectionCollections(MongoDatabase database) {
        this.database = database;
    }

    /** The name of a projection's collection in a generation. */
    public static String nameOf(String projection, String generation) {
        return INITIAL_GENERATION.equals(generation) ? projection : projection + "_g" + generation;
    }

    /** A generation's number, for ordering them; 0 for none or one not named by a number. */
    public static long numberOf(String generation) {
        try {
            return generation == null ? 0 : Long.parseLong(generation);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The generation queries are served from, as last read from the database. */
    public String current() {
        return current;
    }

    /** The generation this thread works on: the one it was told to write, else the current one. */
    public String generation() {
        String target = writing.get();
        return target == null ? current : target;
    }

    /**
     * How many times the projections were found lost (their database emptied) and are being written again from the
     * beginning: what an instance remembers of the documents it wrote before is void.
     */
    public long losses() {
        return losses.get();
    }

    public void lost() {
        losses.incrementAndGet();
    }

    /** Another generation became current (see {@code ProjectionGenerations}). */
    public void follow(String generation) {
        current = generation;
    }

    /** From now on this thread (a consumer's, or a read's) works on {@code generation}; null: the current one. */
    public void writeTo(String generation) {
        if (generation == null) {
            writing.remove();
        } else {
            writing.set(generation);
        }
    }

    /** Runs {@code work} on {@code generation}'s collections. */
    public <T> T in(String generation, Supplier<T> work) {
        String before = writing.get();
        writing.set(generation);
        try {
            return work.get();
        } finally {
            writeTo(before);
        }
    }

    /** A projection's collection in this thread's generation. */
    public MongoCollection<Document> collection(String projection) {
        return database.getCollection(nameOf(projection, generation()));
    }

    public MongoCollection<Document> accounts() {
        return collection(ACCOUNTS);
    }

    public MongoCollection<Document> entries() {
        return collection(ENTRIES);
    }

    public MongoCollection<Document> transfers() {
        return collection(TRANSFERS);
    }

    public MongoCollection<Document> balanceHistory() {
        return collection(BALANCE_HISTORY);
    }

    public MongoCollection<Document> legPairs() {
        return collection(LEG_PAIRS);
    }

    public MongoCollection<Document> deadLetterRetries() {
        return database.getCollection(DEAD_LETTER_RETRIES);
    }

    public MongoCollection<Document> dashboardTotals() {
        return collection(DASHBOARD_TOTALS);
    }

    public MongoCollection<Document> dashboardVolume() {
        return collection(DASHBOARD_VOLUME);
    }

    public MongoCollection<Document> dashboardTransfers() {
        return collection(DASHBOARD_TRANSFERS);
    }

    public MongoCollection<Document> projectionState() {
        return database.getCollection(PROJECTION_STATE);
    }

    /** Every collection of a generation that is no longer read. */
    /**
     * Drops the generation's collections that exist; false when none did (another instance, or the sweep, dropped
     * them first: a drop of a missing collection is an error to some servers).
     */
    public boolean drop(String generation) {
        Set<String> present = new HashSet<>();
        database.listCollectionNames().forEach(present::add);
        boolean any = false;
        for (String projection : PROJECTIONS) {
            String name = nameOf(projection, generation);
            if (present.contains(name)) {
                database.getCollection(name).drop();
                any = true;
            }
        }
        return any;
    }

    /** Every generation some projection's collection exists for. */
    public Set<String> generationsPresent() {
        Set<String> generations = new TreeSet<>();
        for (String name : database.listCollectionNames()) {
            for (String projection : PROJECTIONS) {
                if (name.equals(projection)) {
                    generations.add(INITIAL_GENERATION);
                } else if (name.startsWith(projection + "_g")
                        && name.substring(projection.length() + 2).matches("[1-9][0-9]{0,17}")) {
                    generations.add(name.substring(projection.length() + 2));
                }
            }
        }
        return generations;
    }

    /** The current generation's indexes; see {@link #createIndexes(String)}. */
    public void createIndexes() {
        createIndexes(current);
    }

    /**
     * Idempotent. A statement page filters by account and walks positions in either direction. Indexes only
     * speed reads up, so an unreachable MongoDB at start-up must not stop the service from starting.
     */
    public void createIndexes(String generation) {
        in(generation, () -> {
            try {
                entries().createIndex(Indexes.ascending("accountId", "position"));
                accounts().createIndex(Indexes.ascending("ownerId"));
                // transfer lists: newest first, by either side, by status, or (a client's rejections) by creator
                transfers().createIndex(Indexes.descending("createdAt", "_id"));
                transfers().createIndex(Indexes.compoundIndex(Indexes.ascending("debitAccountId"),
                        Indexes.descending("createdAt")));
                transfers().createIndex(Indexes.compoundIndex(Indexes.ascending("creditAccountId"),
                        Indexes.descending("createdAt")));
                transfers().createIndex(Indexes.compoundIndex(Indexes.ascending("createdBy"),
                        Indexes.descending("createdAt")));
            } catch (MongoException e) {
                log.warn("Could not create projection indexes, they will be created at the next start: {}",
                        e.getMessage());
            }
            return null;
        });
    }
}
