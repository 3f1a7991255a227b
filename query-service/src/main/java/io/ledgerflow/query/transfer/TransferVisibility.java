package io.ledgerflow.query.transfer;

import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.List;

import static io.ledgerflow.query.transfer.TransferProjection.CREATED_BY;

/**
 * Which transfers a client reads: the ones it created, and the ones debiting or crediting an account it owns unless
 * they were rejected. A rejected transfer moved nothing; it is kept only so that its id stays rejected. Any client
 * may name any accounts in an attempt, so showing the rejection to the accounts' owners would let anyone write into
 * their histories and tell the credit side the debit account's id. Its creator got the rejection as its answer.
 * <p>
 * A document projected before the creator was recorded has no {@value TransferProjection#CREATED_BY}: its rejection
 * shows to no client (its creator cannot be told) until the projections are rebuilt from the topic.
 */
final class TransferVisibility {

    static final String STATUS = "status";
    static final String REJECTED = "REJECTED";

    private TransferVisibility() {
    }

    /** @param touchesOwnAccount whether the debit or the credit account is the client's */
    static boolean readableBy(String client, Document transfer, boolean touchesOwnAccount) {
        return client.equals(transfer.getString(CREATED_BY))
                || touchesOwnAccount && !REJECTED.equals(transfer.getString(STATUS));
    }

    /** Of the transfers touching one of the client's accounts, those it reads. */
    static Bson amongTouching(String client) {
        return Filters.or(Filters.ne(STATUS, REJECTED), Filters.eq(CREATED_BY, client));
    }

    /** Every transfer the client reads, given the accounts it owns; each branch can use an index of its own. */
    static Bson all(String client, List<String> ownAccountIds) {
        Bson notRejected = Filters.ne(STATUS, REJECTED);
        return Filters.or(Filters.and(Filters.in("debitAccountId", ownAccountIds), notRejected),
                Filters.and(Filters.in("creditAccountId", ownAccountIds), notRejected),
                Filters.eq(CREATED_BY, client));
    }
}
