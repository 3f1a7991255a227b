package io.ledgerflow.command.axon;

import io.ledgerflow.testkit.EmbeddedInfrastructure;
import io.ledgerflow.testkit.EmbeddedPostgresServer;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** After-commit work of a unit of work waits for the database transaction it took part in, and dies with it. */
class AfterTransactionTest {

    private static TransactionTemplate requestTransaction;

    @BeforeAll
    static void database() {
        EmbeddedPostgresServer postgres = EmbeddedInfrastructure.postgres();
        DriverManagerDataSource dataSource = new DriverManagerDataSource(postgres.jdbcUrl("postgres"),
                postgres.user(), postgres.password());
        requestTransaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    private final List<String> ran = new ArrayList<>();

    @Test
    void a_unit_of_work_on_its_own_runs_the_work_at_its_commit() {
        commitUnitOfWork("alone");

        assertThat(ran).containsExactly("alone");
    }

    @Test
    void inside_a_transaction_the_work_waits_for_that_transactions_commit() {
        requestTransaction.executeWithoutResult(status -> {
            commitUnitOfWork("inside");
            assertThat(ran).as("the unit of work committed, the transaction not yet").isEmpty();
        });

        assertThat(ran).containsExactly("inside");
    }

    @Test
    void inside_a_transaction_that_rolls_back_the_work_never_runs() {
        requestTransaction.executeWithoutResult(status -> {
            commitUnitOfWork("rolled back");
            status.setRollbackOnly();
        });

        assertThat(ran).isEmpty();
    }

    private void commitUnitOfWork(String work) {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        AfterTransaction.afterCommit(() -> ran.add(work));
        unitOfWork.commit();
    }
}
