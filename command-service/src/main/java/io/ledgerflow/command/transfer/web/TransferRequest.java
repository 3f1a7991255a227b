package io.ledgerflow.command.transfer.web;

import io.ledgerflow.command.transfer.TransferFunds;
import io.ledgerflow.command.account.Money;
import io.ledgerflow.command.security.Actor;
import io.ledgerflow.command.web.CrossFieldChecked;
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

import io.ledgerflow.servicekit.web.ApiProblem;
import io.ledgerflow.servicekit.web.FieldViolation;
import io.ledgerflow.servicekit.web.Problems;
import org.springframework.http.HttpStatus;

import java.util.List;
import java.util.Map;

public record TransferRequest(
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
        @Max(value = MAX_TIMEOUT_SECONDS, message = "must be at most 2592000 (30 days)") Long timeoutSeconds,
        @Schema(maxLength = 256) @MaxCharacters(256) @Printable String reference,
        @Metadata Map<String, String> metadata) implements CrossFieldChecked {

    /** 30 days. */
    public static final long MAX_TIMEOUT_SECONDS = 2_592_000;

    @Override
    public List<FieldViolation> crossFieldViolations() {
        return timeoutSeconds != null && !Boolean.TRUE.equals(pending)
                ? List.of(new FieldViolation("timeoutSeconds", "applies only to pending transfers")) : List.of();
    }

    public TransferFunds toCommand(Actor actor) {
        List<FieldViolation> violations = crossFieldViolations();
        if (!violations.isEmpty()) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, Problems.VALIDATION_FAILED,
                    "the request is not valid: timeoutSeconds applies only to pending transfers",
                    Map.of("errors", violations));
        }
        return new TransferFunds(id, new TransferTerms(TransferKind.TRANSFER, debitAccountId, creditAccountId, amount,
                currency, reference, metadata), actor, Boolean.TRUE.equals(pending), timeoutSeconds);
    }
}
