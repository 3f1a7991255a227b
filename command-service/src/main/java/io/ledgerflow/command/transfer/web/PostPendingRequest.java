package io.ledgerflow.command.transfer.web;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.ledgerflow.command.account.Money;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * @param amount what to post, at most the pending amount (the rest is released); absent: all of it. An explicit
 *               {@code null} is refused rather than read as absent: it would capture the whole hold.
 */
public record PostPendingRequest(
        @JsonDeserialize(using = GivenAmountNotNull.class)
        @Schema(example = "2000") @Min(value = 1, message = "must be at least 1")
        @Max(value = Money.MAX, message = "must be at most 2^53-1") Long amount) {
}
