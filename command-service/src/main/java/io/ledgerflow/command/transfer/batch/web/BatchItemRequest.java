package io.ledgerflow.command.transfer.batch.web;

import io.ledgerflow.command.account.Money;
import io.ledgerflow.command.transfer.batch.BatchItem;
import io.ledgerflow.command.web.IsoCurrency;
import io.ledgerflow.command.web.LedgerIds;
import io.ledgerflow.command.web.Metadata;
import io.ledgerflow.events.transfer.TransferKind;
import io.ledgerflow.events.transfer.TransferTerms;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.AssertFalse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Null;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.Map;

/** One transfer of a batch, the body of {@code POST /transfers}; single-phase only until two-phase transfers land. */
public record BatchItemRequest(
        @Schema(example = "t-1") @NotNull @Pattern(regexp = LedgerIds.PATTERN, message = LedgerIds.MESSAGE) String id,
        @Schema(example = "acc-1") @NotNull @Pattern(regexp = LedgerIds.PATTERN, message = LedgerIds.MESSAGE) String debitAccountId,
        @Schema(example = "acc-2") @NotNull @Pattern(regexp = LedgerIds.PATTERN, message = LedgerIds.MESSAGE) String creditAccountId,
        @Schema(example = "2500") @NotNull @Min(value = 1, message = "must be at least 1") @Max(value = Money.MAX, message = "must be at most 2^53-1")
        Long amount,
        @Schema(example = "USD") @NotNull @IsoCurrency String currency,
        @AssertFalse(message = "pending transfers are not available in a batch yet") Boolean pending,
        @Null(message = "applies only to pending transfers, which are not available in a batch yet") Long timeoutSeconds,
        @Size(max = 256) String reference,
        @Metadata Map<String, String> metadata) {

    BatchItem toItem() {
        return new BatchItem(id, new TransferTerms(TransferKind.TRANSFER, debitAccountId, creditAccountId, amount,
                currency, reference, metadata));
    }
}
