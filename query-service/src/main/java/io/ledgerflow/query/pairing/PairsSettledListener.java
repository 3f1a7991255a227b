package io.ledgerflow.query.pairing;

import java.util.Collection;

/** Told, on the consumer thread that settled them, of pairs that are settled (readers now show both legs). */
public interface PairsSettledListener {

    void settled(Collection<String> pairs);
}
