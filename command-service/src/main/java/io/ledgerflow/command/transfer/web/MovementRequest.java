package io.ledgerflow.command.transfer.web;

import io.ledgerflow.command.account.Money;
import io.ledgerflow.command.web.LedgerIds;
import io.ledgerflow.command.web.MaxCharacters;
import io.ledgerflow.command.web.Metadata;
import io.ledgerflow.command.web.Printable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.util.Map;

/** The body of a deposit or a withdrawal: the account is in the path, the other side is {@code @world:<CUR>}. */
public record MovementRequest(
        @Schema(example = "dep-1") @NotNull @Pattern(regexp = LedgerIds.PATTERN, message = LedgerIds.MESSAGE) String id,
        @Schema(example = "10000") @NotNull @Min(value = 1, message = "must be at least 1") @Max(value = Money.MAX, message = "must be at most 2^53-1")
        Long amount,
        @Schema(maxLength = 256) @MaxCharacters(256) @Printable String reference,
        @Metadata Map<String, String> metadata) {

    public Map<String, String> metadataOrEmpty() {
        return metadata == null ? Map.of() : Map.copyOf(metadata);
    }
}
