package io.ledgerflow.command.consistency;

/**
 * A refusal that stands in the ledger as a record: its token names that record (a rejected transfer, as it stands),
 * also when this attempt repeated it and wrote nothing, but never the accounts the command named.
 */
public interface RecordedRefusal {

    /** The stream of the record, e.g. {@code transfer/<id>}. */
    String recordStream();
}
