package io.ledgerflow.verifier.ledger;

import io.ledgerflow.events.LedgerEvent;
import io.ledgerflow.events.account.AccountEvent;
import io.ledgerflow.events.account.AccountOpened;
import io.ledgerflow.events.transfer.TransferEvent;
import io.ledgerflow.events.transfer.TransferTerms;

import java.util.Optional;

/** The fields the checks read: a record decoded from hostile input may lack any of them. */
final class RequiredFields {

    private RequiredFields() {
    }

    /** @return the first missing field's name, if one is missing */
    static Optional<String> missing(LedgerEvent event) {
        if (event instanceof AccountEvent account) {
            if (account.accountId() == null) {
                return Optional.of("accountId");
            }
            if (event instanceof AccountOpened opened && opened.currency() == null) {
                return Optional.of("currency");
            }
            if (TransferUnits.transferIdOf(account) == null && AccountBook.isLeg(account)) {
                return Optional.of("transferId");
            }
            if (AccountBook.isLeg(account) && AccountBook.carriedBy(account) == null) {
                return Optional.of("balances");
            }
            return Optional.empty();
        }
        if (event instanceof TransferEvent transfer) {
            TransferTerms terms = transfer.terms();
            if (transfer.transferId() == null) {
                return Optional.of("transferId");
            }
            if (terms == null || terms.debitAccountId() == null || terms.creditAccountId() == null
                    || terms.currency() == null || terms.kind() == null) {
                return Optional.of("terms");
            }
        }
        return Optional.empty();
    }
}
