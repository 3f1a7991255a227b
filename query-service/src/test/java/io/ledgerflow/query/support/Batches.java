package io.ledgerflow.query.support;

import java.util.ArrayList;
import java.util.List;

/** Cuts a sequence of deliveries into batches, as polls of the topic would. */
public final class Batches {

    private Batches() {
    }

    /** Consecutive batches of the given sizes, taken in turn (the last batch may be shorter). */
    public static <T> List<List<T>> cut(List<T> items, List<Integer> sizes) {
        List<List<T>> batches = new ArrayList<>();
        int from = 0;
        for (int i = 0; from < items.size(); i++) {
            int to = Math.min(items.size(), from + sizes.get(i % sizes.size()));
            batches.add(List.copyOf(items.subList(from, to)));
            from = to;
        }
        return batches;
    }
}
