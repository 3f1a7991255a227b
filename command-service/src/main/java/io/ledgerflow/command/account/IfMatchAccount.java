package io.ledgerflow.command.account;

/**
 * An operator's command sent with an {@code If-Match}: applied only while the account is at a version it names,
 * decided under the account's lock with the rest of the command, so no other change slips in between.
 */
public record IfMatchAccount(AccountStateCommand command, IfMatch condition) {
}
