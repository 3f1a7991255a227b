package io.ledgerflow.command.account;

import io.ledgerflow.command.web.IsoCurrency;
import io.ledgerflow.command.web.LedgerIds;
import io.ledgerflow.command.web.Metadata;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.util.Map;

public record OpenAccountRequest(
        @Schema(example = "acc-1") @NotNull @Pattern(regexp = LedgerIds.PATTERN, message = LedgerIds.MESSAGE) String id,
        @Schema(example = "alice", description = "defaults to the caller") @Pattern(regexp = "^[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}$",
                message = "must be 1-128 letters, digits or ._:@-") String ownerId,
        @Schema(example = "USD") @NotNull @IsoCurrency(withMinorUnit = true,
                message = "must be an ISO 4217 currency code with a minor unit (not XXX, XTS or a metal)") String currency,
        Integer code,
        @Min(0) @Max(Money.MAX) Long overdraftLimit,
        @Metadata Map<String, String> metadata) {

    /** A client opens accounts for itself: the owner defaults to the caller. */
    public OpenAccount toCommand(String defaultOwner) {
        return new OpenAccount(id, ownerId == null ? defaultOwner : ownerId, currency, code,
                overdraftLimit == null ? 0 : overdraftLimit, metadata);
    }
}
