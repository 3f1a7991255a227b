package io.ledgerflow.command.audit.balance;

import io.ledgerflow.command.audit.AuditParameters;
import io.ledgerflow.events.account.SettlementAccounts;
import io.ledgerflow.servicekit.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** An account's balances as of an instant, replayed from the event store (auditors only). */
@RestController
public class AuditBalanceController {

    private final BalanceReplay replay;
    private final Clock clock = Clock.systemUTC();

    public AuditBalanceController(BalanceReplay replay) {
        this.replay = replay;
    }

    @Operation(summary = "An account's balances as of an instant, replayed from its stored events",
            description = "Folds the amounts of the account's events stamped at or before asOf. consistent is false "
                    + "(and inconsistencies lists the events) when the replay differs from the balances an event "
                    + "carries: the event store was altered. @world:<CUR> is the settlement account whole (its "
                    + "shards summed), @world:<CUR>:k one shard.")
    @ApiResponse(responseCode = "200", description = "The replayed balances", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = "The account was not opened by then (ACCOUNT_NOT_FOUND)",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @GetMapping("/api/v1/audit/accounts/{id}/balance")
    public ResponseEntity<BalanceAsOf> balance(
            @PathVariable String id,
            @Parameter(description = "ISO-8601 instant, inclusive; default now") @RequestParam(required = false)
            String asOf) {
        AuditParameters parameters = new AuditParameters();
        parameters.accountId("id", id);
        Instant instant = parameters.instant("asOf", asOf, null);
        parameters.requireValid();
        Instant at = instant == null ? clock.instant() : instant;
        BalanceAsOf balance = replay(id, at).orElseThrow(() -> new ApiProblem(HttpStatus.NOT_FOUND,
                "ACCOUNT_NOT_FOUND", "account " + id + " was not opened by " + at));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(balance);
    }

    /**
     * {@code @world:<CUR>} is the settlement account whole, its shards summed; {@code @world:<CUR>:0} is shard 0
     * alone (stored as {@code @world:<CUR>}), as on the query side.
     */
    private Optional<BalanceAsOf> replay(String id, Instant at) {
        if (SettlementAccounts.isSettlementAccount(id)) {
            return replay.settlementAsOf(SettlementAccounts.currencyOf(id), at);
        }
        return replay.asOf(SettlementAccounts.storedIdOf(id), at).map(balance -> balance.withAccountId(id));
    }
}
