package io.ledgerflow.events.envelope;

import io.ledgerflow.events.LedgerEvent;
import io.ledgerflow.events.account.AccountEvent;
import io.ledgerflow.events.transfer.TransferEvent;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The visitors are the projections' exhaustive switch: one method per record, and each record calls its own. */
class EventVisitorTest {

    @Test
    void account_visitor_has_one_method_per_account_event_record() {
        assertThat(parameterTypes(AccountEvent.Visitor.class)).isEqualTo(leafRecords(AccountEvent.class));
    }

    @Test
    void transfer_visitor_has_one_method_per_transfer_event_record() {
        assertThat(parameterTypes(TransferEvent.Visitor.class)).isEqualTo(leafRecords(TransferEvent.class));
    }

    @Test
    void every_event_dispatches_to_the_method_that_takes_its_own_type() {
        List<LedgerEvent> visited = new ArrayList<>();
        for (LedgerEvent event : EventExamples.ALL) {
            Method called;
            if (event instanceof AccountEvent account) {
                AccountEvent.Visitor<Method> recorder = recorder(AccountEvent.Visitor.class, visited);
                called = account.accept(recorder);
            } else {
                TransferEvent.Visitor<Method> recorder = recorder(TransferEvent.Visitor.class, visited);
                called = ((TransferEvent) event).accept(recorder);
            }
            assertThat(called.getParameterTypes()).as(event.getClass().getSimpleName()).containsExactly(event.getClass());
        }
        assertThat(visited).containsExactlyElementsOf(EventExamples.ALL);
    }

    @Test
    void the_examples_cover_every_event_record() {
        Set<Class<?>> all = new HashSet<>(leafRecords(AccountEvent.class));
        all.addAll(leafRecords(TransferEvent.class));
        assertThat(EventExamples.ALL.stream().map(Object::getClass).collect(Collectors.toSet())).isEqualTo(all);
    }

    /** A visitor whose every method records the event it got and answers which method that was. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <V> V recorder(Class visitor, List<LedgerEvent> visited) {
        return (V) Proxy.newProxyInstance(visitor.getClassLoader(), new Class<?>[]{visitor}, (proxy, method, args) -> {
            visited.add((LedgerEvent) args[0]);
            return method;
        });
    }

    private static Set<Class<?>> parameterTypes(Class<?> visitor) {
        Method[] methods = visitor.getDeclaredMethods();
        Set<Class<?>> types = Arrays.stream(methods).map(m -> m.getParameterTypes()[0]).collect(Collectors.toSet());
        assertThat(types).as("no record has two methods").hasSize(methods.length);
        return types;
    }

    private static Set<Class<?>> leafRecords(Class<?> sealed) {
        Set<Class<?>> leaves = new HashSet<>();
        for (Class<?> permitted : sealed.getPermittedSubclasses()) {
            if (permitted.isRecord()) {
                leaves.add(permitted);
            } else {
                leaves.addAll(leafRecords(permitted));
            }
        }
        return leaves;
    }
}
