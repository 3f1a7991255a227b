package io.ledgerflow.command.transfer.batch.web;

import io.ledgerflow.command.account.Money;
import io.ledgerflow.command.transfer.batch.BatchItem;
import io.ledgerflow.command.transfer.web.TransferRequest;
import io.ledgerflow.command.web.IsoCurrency;
import io.ledgerflow.command.web.LedgerIds;
import io.ledgerflow.command.web.MaxCharacters;
import io.ledgerflow.command.web.Metadata;
import io.ledgerflow.command.web.Printable;
import io.ledgerflow.events.transfer.TransferKind;
import io.ledgerflow.events.transfer.TransferTerms;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.util.Map;

/** One transfer of a batch, single-phase or pending: exactly the body of {@code POST /transfers}. */
public record BatchItemRequest(
        @Schema(example = "t-1") @NotNull @Pattern(regexp = LedgerIds.PATTERN, message = LedgerIds.MESSAGE) String id,
        @Schema(example = "acc-1") @NotNull @Pattern(regexp = LedgerIds.PATTERN, message = LedgerIds.MESSAGE) String debitAccountId,
        @Schema(example = "acc-2") @NotNull @Pattern(regexp = LedgerIds.PATTERN, message = LedgerIds.MESSAGE) String creditAccountId,
        @Schema(example = "2500") @NotNull @Min(value = 1, message = "must be at least 1") @Max(value = Money.MAX, message = "must be at most 2^53-1")
        Long amount,
        @Schema(example = "USD") @NotNull @IsoCurrency String currency,
        @Schema(description = "true: only reserve the amount until it is posted, voided or expires") Boolean pending,
        @Schema(description = "pending transfers only: seconds until it expires (voided automatically); none: never",
                example = "3600")
        @Min(value = 1, message = "must be at least 1")
        @Max(value = TransferRequest.MAX_TIMEOUT_SECONDS, message = "must be at most 2592000 (30 days)") Long timeoutSeconds,
        @Schema(maxLength = 256) @MaxCharacters(256) @Printable String reference,
        @Metadata Map<String, String> metadata) {

    /** A timeout without {@code pending: true} is malformed, as in a single transfer. */
    boolean timeoutWithoutPending() {
        return timeoutSeconds != null && !Boolean.TRUE.equals(pending);
    }

    BatchItem toItem() {
        return new BatchItem(id, new TransferTerms(TransferKind.TRANSFER, debitAccountId, creditAccountId, amount,
                currency, reference, metadata), Boolean.TRUE.equals(pending), timeoutSeconds);
    }
}
