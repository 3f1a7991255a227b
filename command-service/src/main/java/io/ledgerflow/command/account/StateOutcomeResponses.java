package io.ledgerflow.command.account;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
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
@Parameter(in = ParameterIn.HEADER, name = "If-Match", required = false, schema = @Schema(type = "string"),
        description = "Apply only while the account is at this version: its ETag, e.g. \"7\" (several, "
                + "comma-separated, or *); compared strongly, so a weak tag (W/\"7\") never matches")
@ApiResponse(responseCode = "200", description = "The account as it stands after the action (also when it already was "
        + "there), with its version as ETag",
        headers = @Header(name = "ETag", description = "\"<version>\"", schema = @Schema(type = "string")))
@ApiResponse(responseCode = "412", description = "If-Match names none of the account's versions: nothing changed; the "
        + "ETag names the version it is at (PRECONDITION_FAILED)",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")),
        headers = @Header(name = "ETag", description = "\"<version>\"", schema = @Schema(type = "string")))
@ApiResponse(responseCode = "404", description = "No such account, or a settlement account (ACCOUNT_NOT_FOUND)",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
@ApiResponse(responseCode = "422", description = "A ledger rule refused it (ACCOUNT_CLOSED, ACCOUNT_FROZEN, "
        + "ACCOUNT_NOT_EMPTY, INSUFFICIENT_FUNDS)",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
@interface StateOutcomeResponses {
}
