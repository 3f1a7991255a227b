package io.ledgerflow.command.account;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The answers every operator action on an account documents (see {@link AccountStateController}). */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ApiResponse(responseCode = "200", description = "The account as it stands after the action (also when it already was there)")
@ApiResponse(responseCode = "404", description = "No such account, or a settlement account (ACCOUNT_NOT_FOUND)",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
@ApiResponse(responseCode = "422", description = "A ledger rule refused it (ACCOUNT_CLOSED, ACCOUNT_FROZEN, "
        + "ACCOUNT_NOT_EMPTY, INSUFFICIENT_FUNDS)",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
@interface StateOutcomeResponses {
}
