package io.ledgerflow.query.account;

import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import io.ledgerflow.events.account.AccountOpened;
import io.ledgerflow.events.account.AccountState;
import io.ledgerflow.events.account.Balances;
import io.ledgerflow.events.envelope.EventEnvelope;
import io.ledgerflow.query.mongo.GuardedWrite;
import io.ledgerflow.query.pairing.LegDocuments;
import io.ledgerflow.query.mongo.VersionGuard;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.List;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.max;
import static com.mongodb.client.model.Updates.set;
import static com.mongodb.client.model.Updates.setOnInsert;
import static io.ledgerflow.query.account.AccountDocuments.*;
import static io.ledgerflow.query.mongo.BsonReads.toDate;
import static io.ledgerflow.query.mongo.BsonReads.toDocument;

/**
 * What one batch of events writes to one account's document, in this order: the document if missing (unless known
 * to exist), the opening's identity, the newest state, the newest balances, and the version of the newest event. Each
 * group write takes only the newest event of its group in the batch: a group's guard keeps the newest version it was
 * ever given, so the older ones of the batch could not change the outcome. The balances' write raises the version
 * to theirs; when the batch's newest event set the balances (a posting or a reservation: most batches), no version
 * write follows. A new document starts settled through its opening ({@link LegDocuments#SETTLED_THROUGH}): readers
 * show its legs as their pairs settle.
 */
final class AccountWrites {

    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    private final String id;
    private AccountOpened opened;
    private EventEnvelope opening;
    private Balances balances;
    private long balancesVersion;
    private EventEnvelope balancesFrom;
    private AccountState state;
    private long stateVersion;
    private EventEnvelope newest;

    AccountWrites(String id) {
        this.id = id;
    }

    void add(EventEnvelope envelope, AccountChange change) {
        long version = versionOf(envelope);
        if (change.opening() != null) {
            opened = change.opening();
            opening = envelope;
        }
        if (change.balances() != null && version > balancesVersion) {
            balances = change.balances();
            balancesVersion = version;
            balancesFrom = envelope;
        }
        if (change.state() != null && version > stateVersion) {
            state = change.state();
            stateVersion = version;
        }
        if (newest == null || version > versionOf(newest)) {
            newest = envelope;
        }
    }

    String id() {
        return id;
    }

    /** @param exists the document is known to exist (written before, in this generation): not made sure of again */
    List<GuardedWrite> writes(boolean exists) {
        List<GuardedWrite> writes = new ArrayList<>(5);
        if (!exists) {
            writes.add(ensureDocument());
        }

        if (opened != null) {
            // immutable facts: whenever the opening arrives, even after later events
            writes.add(GuardedWrite.of(new UpdateOneModel<>(and(eq("_id", id), exists(OPENED_AT, false)),
                    identity(opened, opening))));
        }
        if (state != null) {
            writes.add(toGroup(STATE_VERSION, stateVersion, state(state)));
        }
        if (balances != null) {
            writes.add(toBalances());
        }
        long version = versionOf(newest);
        if (balances == null || balancesVersion < version) {
            writes.add(GuardedWrite.of(new UpdateOneModel<>(and(eq("_id", id), lt(VersionGuard.VERSION, version)),
                    combine(set(VersionGuard.VERSION, version), set(UPDATED_AT, toDate(newest.time())),
                            set(POSITION, newest.position())))));
        }
        return writes;
    }

    /**
     * The balances, with the document's version, time and position raised to the event that set them: no reader finds
     * balances newer than the version (it would look up the balances as of the version in the history), and when that
     * event is the batch's newest (most batches) no version write follows. The guard is the balances' group's, not the
     * version's: a newer event of the other group may already be there, and then each of the three keeps the newer
     * value. It also takes balances as new as the stored ones (the same, from the same event): a writer of an earlier
     * build, which wrote the version after the balances, may have stopped in between, and the redelivered batch must
     * still move the version. Where it refuses, the balances are newer, so the version is too.
     */
    private GuardedWrite toBalances() {
        Bson notNewer = or(lte(BALANCES_VERSION, balancesVersion),
                and(exists(BALANCES_VERSION, false), lt(VersionGuard.VERSION, balancesVersion)));
        return GuardedWrite.of(new UpdateOneModel<>(and(eq("_id", id), notNewer),
                combine(balances(balances), set(BALANCES_VERSION, balancesVersion),
                        max(VersionGuard.VERSION, balancesVersion), max(UPDATED_AT, toDate(balancesFrom.time())),
                        max(POSITION, balancesFrom.position()))));
    }

    /**
     * Every group starts at version 0, so that a group's first event always applies, in whatever order they come.
     * A duplicate key means a concurrent writer inserted it first.
     */
    private GuardedWrite ensureDocument() {
        return GuardedWrite.of(new UpdateOneModel<>(eq("_id", id), combine(setOnInsert(VersionGuard.VERSION, 0L),
                setOnInsert(STATE_VERSION, 0L), setOnInsert(BALANCES_VERSION, 0L),
                setOnInsert(LegDocuments.SETTLED_THROUGH, 1L)), UPSERT));
    }

    /**
     * A group's fields, only over an older version of that group. A document projected before groups had
     * versions has none: there the document's own version, which every earlier event advanced, stands in (so
     * this write must come before the document's version write).
     */
    private GuardedWrite toGroup(String groupVersion, long version, Bson fields) {
        Bson older = or(lt(groupVersion, version),
                and(exists(groupVersion, false), lt(VersionGuard.VERSION, version)));
        return GuardedWrite.of(new UpdateOneModel<>(and(eq("_id", id), older),
                combine(fields, set(groupVersion, version))));
    }

    private static long versionOf(EventEnvelope envelope) {
        return envelope.sequence() + 1;
    }

    private static Bson identity(AccountOpened opened, EventEnvelope envelope) {
        return combine(set(OWNER_ID, opened.ownerId()), set(CURRENCY, opened.currency()), set(CODE, opened.code()),
                set(METADATA, toDocument(opened.metadata())), set(SYSTEM, opened.system()),
                set(OPENED_AT, toDate(envelope.time())));
    }

    private static Bson state(AccountState state) {
        return combine(set(STATUS, state.status().name()), set(OVERDRAFT_LIMIT, state.overdraftLimit()));
    }

    private static Bson balances(Balances balances) {
        return combine(set(POSTED, balances.posted()), set(PENDING_DEBITS, balances.pendingDebits()),
                set(PENDING_CREDITS, balances.pendingCredits()));
    }
}
