package io.ledgerflow.command.web;

/** The id pattern docs/api.md fixes for accounts and transfers chosen by clients (two separate namespaces). */
public final class LedgerIds {

    public static final String PATTERN = "^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$";
    public static final String MESSAGE = "must match " + PATTERN;

    private LedgerIds() {
    }
}
