package io.ledgerflow.query.dashboard;

import com.mongodb.client.model.Updates;
import org.bson.conversions.Bson;
import org.bson.types.Decimal128;

import java.math.BigDecimal;

/**
 * Counters are incremented, and so stored, as Decimal128: a sum of amounts of up to 2^53−1 each passes 2^63 after
 * about a thousand of them, and a total never wraps. Decimal128 holds whole numbers of up to 34 digits exactly, and
 * {@code $inc} of a Decimal128 turns a counter written as Int64 before into a Decimal128 with the same value.
 */
final class CounterIncrements {

    private CounterIncrements() {
    }

    static Bson inc(String field, BigDecimal value) {
        return Updates.inc(field, new Decimal128(value));
    }

    static Bson inc(String field, long value) {
        return inc(field, BigDecimal.valueOf(value));
    }
}
