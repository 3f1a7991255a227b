package io.ledgerflow.command.web;

import java.util.List;
import java.util.Map;

/**
 * The keys of a group's keyed requests ({@link KeyedRequest}), held and answered in the group's transaction with a
 * statement or two for all of them rather than a few for each.
 */
public interface GroupedKeys {

    /** Before the group's commands: holds every request's key; false when any is no longer its request's. */
    boolean holdAll(List<KeyedRequest> requests);

    /** Before the group commits: stores each request's answer; false when any key is no longer its request's. */
    boolean storeAll(Map<KeyedRequest, Object> answers);
}
