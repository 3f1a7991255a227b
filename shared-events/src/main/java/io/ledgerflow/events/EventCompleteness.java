package io.ledgerflow.events;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Which fields an event lacks. A reader that ignores unknown properties (as a tolerant reader should) turns a
 * payload without, say, {@code balances} into an event whose {@code balances} is null, and only fails later, when
 * something uses it. Every field of an event and of the records inside it is required, unless it is a primitive
 * (always there) or marked {@link MayBeNull}.
 * <p>
 * Every decoded event is checked, so each record type's fields are looked up once: asking a class for its record
 * components copies them, and their accessors, on every call.
 */
public final class EventCompleteness {

    private record Field(String name, Method accessor, boolean required) {
    }

    private static final ClassValue<List<Field>> FIELDS = new ClassValue<>() {
        @Override
        protected List<Field> computeValue(Class<?> type) {
            return Arrays.stream(type.getRecordComponents())
                    .filter(component -> !component.getType().isPrimitive())
                    .map(EventCompleteness::fieldOf)
                    .toList();
        }
    };

    private EventCompleteness() {
    }

    /** The dotted paths of the required fields that are null, e.g. {@code terms.currency}; empty when complete. */
    public static List<String> missing(Record event) {
        List<String> missing = new ArrayList<>(0);
        collect(event, "", missing);
        return missing;
    }

    private static void collect(Record record, String prefix, List<String> missing) {
        for (Field field : FIELDS.get(record.getClass())) {
            Object value = valueOf(field, record);
            if (value == null) {
                if (field.required()) {
                    missing.add(prefix + field.name());
                }
            } else if (value instanceof Record nested) {
                collect(nested, prefix + field.name() + ".", missing);
            }
        }
    }

    private static Field fieldOf(RecordComponent component) {
        Method accessor = component.getAccessor();
        accessor.setAccessible(true);
        return new Field(component.getName(), accessor, !component.isAnnotationPresent(MayBeNull.class));
    }

    private static Object valueOf(Field field, Record record) {
        try {
            return field.accessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + field.name() + " of " + record.getClass(), e);
        }
    }
}
