package io.ledgerflow.events;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/**
 * Which fields an event lacks. A reader that ignores unknown properties (as a tolerant reader should) turns a
 * payload without, say, {@code balances} into an event whose {@code balances} is null, and only fails later, when
 * something uses it. Every field of an event and of the records inside it is required, unless it is a primitive
 * (always there) or marked {@link MayBeNull}.
 */
public final class EventCompleteness {

    private EventCompleteness() {
    }

    /** The dotted paths of the required fields that are null, e.g. {@code terms.currency}; empty when complete. */
    public static List<String> missing(Record event) {
        List<String> missing = new ArrayList<>();
        collect(event, "", missing);
        return missing;
    }

    private static void collect(Record record, String prefix, List<String> missing) {
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            if (component.getType().isPrimitive()) {
                continue;
            }
            Object value = valueOf(component, record);
            String path = prefix + component.getName();
            if (value == null) {
                if (!component.isAnnotationPresent(MayBeNull.class)) {
                    missing.add(path);
                }
            } else if (value instanceof Record nested) {
                collect(nested, path + ".", missing);
            }
        }
    }

    private static Object valueOf(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component.getName() + " of " + record.getClass(), e);
        }
    }
}
