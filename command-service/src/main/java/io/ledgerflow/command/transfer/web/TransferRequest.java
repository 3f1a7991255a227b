package io.ledgerflow.command.transfer.web;

import io.ledgerflow.command.transfer.TransferFunds;
import io.ledgerflow.command.account.Money;
import io.ledgerflow.command.security.Actor;
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

public record TransferRequest(
        @Schema(example = "t-1") @NotNull @Pattern(regexp = LedgerIds.PATTERN, message = LedgerIds.MESSAGE) String id,
        @Schema(example = "acc-1") @NotNull @Pattern(regexp = LedgerIds.PATTERN, message = LedgerIds.MESSAGE) String debitAccountId,
        @Schema(example = "acc-2") @NotNull @Pattern(regexp = LedgerIds.PATTERN, message = LedgerIds.MESSAGE) String creditAccountId,
        @Schema(example = "2500") @NotNull @Min(value = 1, message = "must be at least 1") @Max(value = Money.MAX, message = "must be at most 2^53-1")
        Long amount,
        @Schema(example = "USD") @NotNull @IsoCurrency String currency,
        @AssertFalse(message = "two-phase transfers are not available yet") Boolean pending,
        @Null(message = "applies only to pending transfers, which are not available yet") Long timeoutSeconds,
        @Size(max = 256) String reference,
        @Metadata Map<String, String> metadata) {

    public TransferFunds toCommand(Actor actor) {
        return new TransferFunds(id, new TransferTerms(TransferKind.TRANSFER, debitAccountId, creditAccountId, amount,
                currency, reference, metadata), actor);
    }
}
