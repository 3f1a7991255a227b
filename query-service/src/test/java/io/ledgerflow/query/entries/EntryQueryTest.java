package io.ledgerflow.query.entries;

import io.ledgerflow.servicekit.web.FieldViolation;
import io.ledgerflow.query.web.RequestValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class EntryQueryTest {

    @Test
    void defaultsToFiftyNewestFirst() {
        EntryQuery query = EntryQuery.parse(null, null, null, null, null);

        assertThat(query).isEqualTo(new EntryQuery(null, null, 50, SortOrder.DESC, null));
    }

    @Test
    void readsEveryParameter() {
        String cursor = new EntryCursor(SortOrder.ASC, 42).encode();

        EntryQuery query = EntryQuery.parse("2026-11-29T10:00:00Z", "2026-11-29T11:00:00+01:00", "500", cursor, "asc");

        assertThat(query).isEqualTo(new EntryQuery(Instant.parse("2026-11-29T10:00:00Z"),
                Instant.parse("2026-11-29T10:00:00Z"), 500, SortOrder.ASC, 42L));
    }

    @Test
    void theCursorCarriesItsOrder() {
        String cursor = new EntryCursor(SortOrder.ASC, 7).encode();

        assertThat(EntryQuery.parse(null, null, null, cursor, null).order()).isEqualTo(SortOrder.ASC);
    }

    @ParameterizedTest
    @CsvSource({"limit,0", "limit,501", "limit,-1", "limit,ten", "limit,1.5", "from,yesterday", "to,2026-13-01",
            "order,sideways", "cursor,%%%", "cursor,bm90LWEtY3Vyc29y", "cursor,ZGVzYzotMQ", "limit,+5", "limit,\u0665",
            "limit,9999999999", "from,+999999999-12-31T23:59:59Z", "to,-999999999-01-01T00:00:00Z",
            "from,10000-01-01T00:00:00Z"})
    void rejectsMalformedParameters(String field, String value) {
        RequestValidationException e = catchThrowableOfType(RequestValidationException.class, () -> EntryQuery.parse(
                field.equals("from") ? value : null, field.equals("to") ? value : null,
                field.equals("limit") ? value : null, field.equals("cursor") ? value : null,
                field.equals("order") ? value : null));

        assertThat(e.violations()).extracting(FieldViolation::field).containsExactly(field);
    }

    @Test
    void reportsEveryViolationAtOnce() {
        RequestValidationException e = catchThrowableOfType(RequestValidationException.class,
                () -> EntryQuery.parse("2026-11-30T00:00:00Z", "2026-11-29T00:00:00Z", "0", "junk!", "up"));

        assertThat(e.violations()).extracting(FieldViolation::field)
                .containsExactly("from", "limit", "order", "cursor");
    }

    @Test
    void aCursorIssuedForTheOtherOrderIsRejected() {
        String cursor = new EntryCursor(SortOrder.DESC, 7).encode();

        RequestValidationException e = catchThrowableOfType(RequestValidationException.class,
                () -> EntryQuery.parse(null, null, null, cursor, "asc"));

        assertThat(e.violations()).extracting(FieldViolation::field).containsExactly("cursor");
    }

    @Test
    void cursorsRoundTrip() {
        EntryCursor cursor = new EntryCursor(SortOrder.DESC, 123_456_789L);

        assertThat(EntryCursor.decode(cursor.encode())).contains(cursor);
    }
}
