package io.ledgerflow.command.transfer;

import io.ledgerflow.command.support.CommandServiceTest;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which due holds a refusal waits for, read from {@code pending_expiries} in PostgreSQL: for want of funds, those
 * debiting the debit account; for an overflow, also those crediting the credit account. The rows fall due an hour
 * from now, past the expiry job's reach during the test; the lookups are asked as of two hours from now.
 */
class DueBeforeRefusingTest extends CommandServiceTest {

    private static final Instant DUE = Instant.now().plusSeconds(3_600);
    private static final Instant LATER = DUE.plusSeconds(3_600);

    @Autowired
    PendingExpiries expiries;
    @Autowired
    TransactionManager transactionManager;

    private String x;
    private String y;
    private String debitingX;
    private String creditingY;
    private String elsewhere;

    @BeforeEach
    void holds_debiting_x_crediting_y_and_elsewhere() {
        x = unique("x");
        y = unique("y");
        debitingX = unique("h");
        creditingY = unique("h");
        elsewhere = unique("h");
        inUnitOfWork(() -> {
            expiries.schedule(debitingX, x, unique("other"), DUE);
            expiries.schedule(creditingY, unique("other"), y, DUE.plusMillis(1));
            expiries.schedule(elsewhere, unique("other"), unique("other"), DUE);
        });
    }

    @AfterEach
    void remove_the_rows() {
        jdbc.update("delete from pending_expiries where transfer_id in (?, ?, ?)", debitingX, creditingY, elsewhere);
    }

    @Test
    void an_overflow_waits_for_the_due_holds_debiting_its_debit_or_crediting_its_credit_account() {
        assertThat(expiries.dueBeforeRefusing("AMOUNT_OVERFLOW", x, y, LATER)).containsExactly(debitingX, creditingY);
        assertThat(expiries.dueBeforeRefusing("AMOUNT_OVERFLOW", y, x, LATER)).isEmpty();
        assertThat(expiries.dueBeforeRefusing("AMOUNT_OVERFLOW", x, y, DUE.minusMillis(1))).as("not due yet").isEmpty();
    }

    @Test
    void a_refusal_for_funds_waits_for_the_debit_side_only_and_other_refusals_for_none() {
        assertThat(expiries.dueBeforeRefusing("INSUFFICIENT_FUNDS", x, y, LATER)).containsExactly(debitingX);
        assertThat(expiries.dueBeforeRefusing("INSUFFICIENT_FUNDS", y, x, LATER)).isEmpty();
        assertThat(expiries.dueBeforeRefusing("ACCOUNT_FROZEN", x, y, LATER)).isEmpty();
    }

    private void inUnitOfWork(Runnable task) {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.attachTransaction(transactionManager);
        unitOfWork.execute(task);
    }
}
