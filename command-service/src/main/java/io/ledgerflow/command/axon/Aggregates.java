package io.ledgerflow.command.axon;

import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;

import java.util.Optional;
import java.util.concurrent.Callable;

public final class Aggregates {

    private Aggregates() {
    }

    /** Loads an aggregate within the current unit of work, or nothing when its stream is empty. */
    public static <T> Optional<Aggregate<T>> find(Repository<T> repository, String id) {
        try {
            return Optional.of(repository.load(id));
        } catch (AggregateNotFoundException e) {
            return Optional.empty();
        }
    }

    /** Creates an aggregate whose factory applies its first event; the event is stored when the unit of work commits. */
    public static <T> Aggregate<T> create(Repository<T> repository, Callable<T> factory) {
        try {
            return repository.newInstance(factory);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("could not create aggregate", e);
        }
    }
}
