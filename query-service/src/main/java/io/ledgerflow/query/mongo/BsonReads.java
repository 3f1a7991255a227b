package io.ledgerflow.query.mongo;

import org.bson.Document;
import org.bson.types.Decimal128;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

/** Lenient readers for projection documents, whose numbers may come back as Int32, Int64 or Decimal128. */
public final class BsonReads {

    private BsonReads() {
    }

    public static long longOf(Document document, String field) {
        Object value = document.get(field);
        return value instanceof Number number ? number.longValue() : 0L;
    }

    /** A whole number of any of the three types, exactly; zero when absent. */
    public static BigInteger bigIntegerOf(Document document, String field) {
        Object value = document.get(field);
        if (value instanceof Decimal128 decimal) {
            return decimal.bigDecimalValue().toBigIntegerExact();
        }
        return value instanceof Number number ? BigInteger.valueOf(number.longValue()) : BigInteger.ZERO;
    }

    public static Long nullableLong(Document document, String field) {
        Object value = document.get(field);
        return value instanceof Number number ? number.longValue() : null;
    }

    public static Integer nullableInt(Document document, String field) {
        Object value = document.get(field);
        return value instanceof Number number ? number.intValue() : null;
    }

    public static Instant instantOf(Document document, String field) {
        Date date = document.getDate(field);
        return date == null ? null : date.toInstant();
    }

    public static Map<String, String> stringMap(Document document, String field) {
        Map<String, String> result = new LinkedHashMap<>();
        Document map = document.get(field, Document.class);
        if (map != null) {
            map.forEach((key, value) -> result.put(key, String.valueOf(value)));
        }
        return result;
    }

    public static Document toDocument(Map<String, String> map) {
        return new Document(new LinkedHashMap<>(map));
    }

    public static Date toDate(Instant instant) {
        return Date.from(instant);
    }

    /**
     * A bound on a stored date for a filter: the first whole millisecond at or after the instant. Stored dates have
     * milliseconds only, so "at or after {@code from}" and "before {@code to}" keep their meaning for an instant with
     * finer digits ({@code 10:00:00.020000001Z} is after an entry at {@code .020}); {@link Date#from} would drop them.
     */
    public static Date firstMilliAtOrAfter(Instant instant) {
        long millis = instant.toEpochMilli();
        return new Date(instant.getNano() % 1_000_000 == 0 ? millis : millis + 1);
    }
}
