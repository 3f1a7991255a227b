package io.ledgerflow.command.transfer.web;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The answers every endpoint that posts a transfer documents (see {@link TransferResponses}). */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ApiResponse(responseCode = "201", description = "Posted (status POSTED), or reserved when pending: true (status PENDING)")
@ApiResponse(responseCode = "200", description = "The same id with the same fields was posted before: the first result")
@ApiResponse(responseCode = "400", description = "Malformed or invalid input (VALIDATION_FAILED), or only the amount "
        + "is invalid (INVALID_AMOUNT: not a JSON integer, below 1 or above 2^53-1)",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
@ApiResponse(responseCode = "409", description = "The id was used with other fields (ID_EXISTS_WITH_DIFFERENT_FIELDS), "
        + "or it was rejected and is retried with other fields (ID_ALREADY_FAILED, with `fields` and the first "
        + "`rejectionCode`): a rejected id stays rejected",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
@ApiResponse(responseCode = "422", description = "A ledger rule refused it (INSUFFICIENT_FUNDS, ACCOUNT_FROZEN, "
        + "ACCOUNT_CLOSED, CURRENCY_MISMATCH, SAME_ACCOUNT, AMOUNT_OVERFLOW, or ACCOUNT_NOT_FOUND for an account named "
        + "in the body that does not exist or is not yours); sticky per id",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
@interface TransferOutcomeResponses {
}
