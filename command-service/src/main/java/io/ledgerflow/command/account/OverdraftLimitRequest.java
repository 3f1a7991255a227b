package io.ledgerflow.command.account;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

public record OverdraftLimitRequest(
        @Schema(example = "50000", description = "in the currency's minor unit") @NotNull @Min(0) @Max(Money.MAX)
        Long overdraftLimit) {
}
