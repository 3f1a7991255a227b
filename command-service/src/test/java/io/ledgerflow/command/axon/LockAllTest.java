package io.ledgerflow.command.axon;

import io.ledgerflow.command.account.Account;
import io.ledgerflow.command.account.AccountSnapshot;
import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.command.support.UnitsOfWork;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.modelling.command.Repository;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PostgresLedgerLocks#lockAll}: several streams locked by one statement and held until the unit of work ends,
 * and their last sequence numbers read together for the loads that follow ({@link StreamSequences}).
 */
class LockAllTest extends CommandServiceTest {

    @Autowired
    LedgerLocks locks;
    @Autowired
    Repository<Account> accounts;
    @Autowired
    TransactionManager transactionManager;

    @Test
    void several_streams_are_locked_at_once_and_held_until_the_unit_of_work_ends() {
        List<String> streams = List.of(StreamIds.transfer(unique("t")), StreamIds.account(unique("a")),
                StreamIds.account(unique("b")));

        List<Long> heldInside = inUnitOfWork(() -> {
            locks.lockAll(streams);
            return streams.stream().map(this::holders).toList();
        });

        assertThat(heldInside).as("each stream's lock, held by the command's transaction").containsOnly(1L);
        assertThat(streams.stream().map(this::holders)).as("released at commit").containsOnly(0L);
    }

    @Test
    void the_locked_streams_last_sequence_numbers_are_read_together_and_each_used_once() {
        String funded = openAccount("USD");
        assertThat(deposit(funded, unique("dep"), 700).status()).isEqualTo(201);
        String fundedStream = StreamIds.account(funded);
        String newTransfer = StreamIds.transfer(unique("new"));
        long last = jdbc.queryForObject("select max(sequencenumber) from domainevententry where aggregateidentifier = ?",
                Long.class, fundedStream);

        inUnitOfWork(() -> {
            locks.lockAll(List.of(newTransfer, fundedStream));

            assertThat(StreamSequences.take(fundedStream)).contains(last);
            assertThat(StreamSequences.take(fundedStream)).as("taken once: a second load asks the store").isNull();
            assertThat(StreamSequences.take(newTransfer)).isEqualTo(Optional.empty());
            return null;
        });
        AccountSnapshot loaded = inUnitOfWork(() -> {
            locks.lockAll(List.of(newTransfer, fundedStream));
            return accounts.load(fundedStream).invoke(Account::snapshot);
        });
        assertThat(loaded.balances().posted()).isEqualTo(700);
        assertThat(inUnitOfWork(() -> StreamSequences.take(fundedStream))).as("nothing outlives its unit of work")
                .isNull();
    }

    private long holders(String streamId) {
        long key = LedgerLocks.key(streamId);
        return jdbc.queryForObject("select count(*) from pg_locks where locktype = 'advisory' and granted"
                + " and classid = ((? >> 32) & 4294967295)::oid and objid = (? & 4294967295)::oid and objsubid = 1",
                Long.class, key, key);
    }

    private <R> R inUnitOfWork(Callable<R> work) {
        return UnitsOfWork.inUnitOfWork(transactionManager, work);
    }
}
