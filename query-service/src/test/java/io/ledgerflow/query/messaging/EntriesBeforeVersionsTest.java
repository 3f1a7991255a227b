package io.ledgerflow.query.messaging;

import io.ledgerflow.query.pairing.LegSettlement;
import io.ledgerflow.query.account.AccountProjection;
import io.ledgerflow.query.entries.EntryProjection;
import io.ledgerflow.query.support.QueryServiceTest;
import io.ledgerflow.query.transfer.TransferProjection;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A read with a consistency token, or a conditional read, judges the projections by the accounts' and transfers'
 * versions. The dispatcher writes each batch projection by projection, in this order, and a failure between two of
 * them retries the batch: the entries must come first, or a read could be told "consistent" while an event's
 * entries are still missing. The legs' settlement comes last: it reads the accounts' documents the others wrote,
 * and an account is shown (and a token reflected) only once its legs are settled.
 */
class EntriesBeforeVersionsTest extends QueryServiceTest {

    @Autowired
    List<EventProjection> projections;

    @Test
    void the_entries_are_written_before_the_documents_that_carry_versions() {
        assertThat(projections).extracting(projection -> (Object) projection.getClass())
                .containsExactly(EntryProjection.class, AccountProjection.class, TransferProjection.class,
                        LegSettlement.class);
    }
}
