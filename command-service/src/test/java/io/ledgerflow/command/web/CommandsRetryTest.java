package io.ledgerflow.command.web;

import io.ledgerflow.command.consistency.CommandFootprints;
import io.ledgerflow.command.consistency.ConsistencyHeader;
import io.ledgerflow.command.expiry.DueHolds;
import io.ledgerflow.command.expiry.ExpireFirst;
import io.ledgerflow.command.support.DirectGateway;
import io.ledgerflow.servicekit.consistency.ConsistencyTokens;
import io.ledgerflow.servicekit.security.Caller;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DeadlockLoserDataAccessException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Conflicts are retried on the caller's thread; running out of retries, or of patience for a lock, is a 503. */
class CommandsRetryTest {

    /** Outside an HTTP request: no response to put a consistency token on. */
    private static final ConsistencyHeader NO_REQUEST =
            new ConsistencyHeader(new CommandFootprints(), new ConsistencyTokens(new byte[32]));

    private static final DueHolds NO_DUE_HOLDS = new RecordingDueHolds();

    /** The holds {@link Commands} had expired, on its thread or left to the job. */
    private static final class RecordingDueHolds implements DueHolds {
        final List<String> now = new ArrayList<>();
        final List<String> soon = new ArrayList<>();

        @Override
        public void expireNow(List<String> transferIds) {
            now.addAll(transferIds);
        }

        @Override
        public void expireSoon(List<String> transferIds) {
            soon.addAll(transferIds);
        }
    }

    private record DueHoldsOutcome(List<String> dueHolds) implements ExpireFirst {
    }

    @BeforeEach
    void caller() {
        Jwt jwt = Jwt.withTokenValue("t").header("alg", "none").subject("alice").claim("client_id", "alice").build();
        SecurityContextHolder.getContext().setAuthentication(
                new JwtAuthenticationToken(jwt, List.of(new SimpleGrantedAuthority("ROLE_client"))));
    }

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void a_conflict_is_retried_on_the_callers_thread_until_it_succeeds() {
        Thread caller = Thread.currentThread();
        AtomicInteger attempts = new AtomicInteger();
        DirectGateway gateway = new DirectGateway(command -> {
            assertThat(Thread.currentThread()).isSameAs(caller);
            if (attempts.incrementAndGet() < 3) {
                throw new ConcurrencyException("lost a race");
            }
            return "done";
        });

        assertThat((String) new Commands(gateway, CommandGrouping.none(), NO_REQUEST, NO_DUE_HOLDS, 5, 1).send("command")).isEqualTo("done");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void due_holds_are_expired_on_the_callers_thread_and_the_command_sent_again() {
        AtomicInteger attempts = new AtomicInteger();
        DirectGateway gateway = new DirectGateway(command -> attempts.incrementAndGet() == 1
                ? new DueHoldsOutcome(List.of("h-1", "h-2")) : "done");
        RecordingDueHolds holds = new RecordingDueHolds();

        assertThat((String) new Commands(gateway, CommandGrouping.none(), NO_REQUEST, holds, 5, 1).send("command"))
                .isEqualTo("done");
        assertThat(holds.now).containsExactly("h-1", "h-2");
        assertThat(holds.soon).isEmpty();
    }

    @Test
    void due_holds_that_stay_due_are_left_to_the_job_and_the_caller_told_to_come_back() {
        DirectGateway gateway = new DirectGateway(command -> new DueHoldsOutcome(List.of("h-1")));
        RecordingDueHolds holds = new RecordingDueHolds();

        assertThatThrownBy(() -> new Commands(gateway, CommandGrouping.none(), NO_REQUEST, holds, 2, 1).send("command"))
                .isInstanceOf(CommandsBusy.class);
        assertThat(holds.now).containsExactly("h-1", "h-1");
        assertThat(holds.soon).containsExactly("h-1");
    }

    @Test
    void a_deadlock_is_a_conflict_too() {
        AtomicInteger attempts = new AtomicInteger();
        DirectGateway gateway = new DirectGateway(command -> {
            if (attempts.incrementAndGet() == 1) {
                throw new DeadlockLoserDataAccessException("deadlock", new SQLException("deadlock detected", "40P01"));
            }
            return "done";
        });

        assertThat((String) new Commands(gateway, CommandGrouping.none(), NO_REQUEST, NO_DUE_HOLDS, 5, 1).send("command")).isEqualTo("done");
    }

    @Test
    void exhausted_retries_become_commands_busy() {
        AtomicInteger attempts = new AtomicInteger();
        DirectGateway gateway = new DirectGateway(command -> {
            attempts.incrementAndGet();
            throw new ConcurrencyException("lost a race");
        });

        assertThatThrownBy(() -> new Commands(gateway, CommandGrouping.none(), NO_REQUEST, NO_DUE_HOLDS, 3, 1).send("command")).isInstanceOf(CommandsBusy.class);
        assertThat(attempts).hasValue(4);
    }

    @Test
    void a_lock_timeout_is_busy_at_once_and_other_failures_pass_through_untouched() {
        AtomicInteger attempts = new AtomicInteger();
        DirectGateway lockTimeout = new DirectGateway(command -> {
            attempts.incrementAndGet();
            throw new IllegalStateException(new SQLException("canceling statement due to lock timeout", "55P03"));
        });
        DirectGateway broken = new DirectGateway(command -> {
            throw new IllegalArgumentException("a bug");
        });

        assertThatThrownBy(() -> new Commands(lockTimeout, CommandGrouping.none(), NO_REQUEST, NO_DUE_HOLDS, 3, 1).send("command")).isInstanceOf(CommandsBusy.class);
        assertThat(attempts).hasValue(1);
        assertThatThrownBy(() -> new Commands(broken, CommandGrouping.none(), NO_REQUEST, NO_DUE_HOLDS, 3, 1).send("command")).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * What a PostgreSQL backend killed at commit gave (a chaos run): the commit failed on I/O, Spring rolled back on the
     * closed connection, and the rollback's failure, with no SQLSTATE, is what surfaced. It answered 500.
     */
    @Test
    void a_commit_lost_with_its_connection_is_database_unavailable_not_a_bug() {
        AtomicInteger attempts = new AtomicInteger();
        DirectGateway commitLost = new DirectGateway(command -> {
            attempts.incrementAndGet();
            throw new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"));
        });

        assertThatThrownBy(() -> new Commands(commitLost, CommandGrouping.none(), NO_REQUEST, NO_DUE_HOLDS, 3, 1).send("command"))
                .isInstanceOf(DatabaseUnavailable.class);
        assertThat(attempts).as("the outcome is unknown: the client resends, not this loop").hasValue(1);
    }

    @Test
    void a_session_ended_by_the_server_is_database_unavailable() {
        for (String state : new String[]{"57P01", "57P02", "57P03", "25P03", "25P04", "08006"}) {
            DirectGateway ended = new DirectGateway(command -> {
                throw new IllegalStateException(new SQLException("terminating connection", state));
            });

            assertThatThrownBy(() -> new Commands(ended, CommandGrouping.none(), NO_REQUEST, NO_DUE_HOLDS, 3, 1).send("command"))
                    .as(state).isInstanceOf(DatabaseUnavailable.class);
        }
    }

    /**
     * What a PostgreSQL stalled for longer than {@code idle_in_transaction_session_timeout} (40 s) mid-command gave
     * (a black-box probe): when it resumed it ended the session, and Axon reported the failed insert with its usual
     * words for a failed append. It answered 500.
     */
    @Test
    void a_transaction_the_server_ended_as_idle_is_database_unavailable_though_axon_says_already_inserted() {
        SQLException fatal = new SQLException("FATAL: terminating connection due to idle-in-transaction timeout",
                "25P03");
        DirectGateway ended = new DirectGateway(command -> {
            throw new EventStoreException("An event for aggregate [account/a7] at sequence [688] was already inserted",
                    new BatchUpdateException("Batch entry 0 INSERT INTO DomainEventEntry ... was aborted",
                            fatal.getSQLState(), 0, new int[0], fatal));
        });

        assertThatThrownBy(() -> new Commands(ended, CommandGrouping.none(), NO_REQUEST, NO_DUE_HOLDS, 3, 1).send("command"))
                .isInstanceOf(DatabaseUnavailable.class);
    }

    @Test
    void a_failure_without_sqlstate_passes_through_untouched() {
        DirectGateway noState = new DirectGateway(command -> {
            throw new IllegalStateException(new SQLException("something else"));
        });

        assertThatThrownBy(() -> new Commands(noState, CommandGrouping.none(), NO_REQUEST, NO_DUE_HOLDS, 3, 1).send("command"))
                .isInstanceOf(IllegalStateException.class);
    }
}
