package io.ledgerflow.command.account;

import io.ledgerflow.command.security.Actors;
import io.ledgerflow.command.web.Commands;
import io.ledgerflow.command.web.LedgerIds;
import io.ledgerflow.command.web.TakesIfMatch;
import io.ledgerflow.servicekit.web.ApiProblem;
import io.ledgerflow.servicekit.web.FieldViolation;
import io.ledgerflow.servicekit.web.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.Valid;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Operator actions on an account's status and overdraft limit; the rules are {@link AccountLifecycle}'s. */
@RestController
@TakesIfMatch
@RequestMapping("/api/v1/accounts/{accountId}")
public class AccountStateController {

    private final Commands commands;

    public AccountStateController(Commands commands) {
        this.commands = commands;
    }

    @Operation(summary = "Freeze: no debits and no new holds; credits still land (operators only)")
    @StateOutcomeResponses
    @PostMapping("/freeze")
    public ResponseEntity<AccountRepresentation> freeze(
            @PathVariable String accountId, @Parameter(hidden = true) @RequestHeader HttpHeaders headers,
            @RequestBody(required = false) AccountActionRequest body) {
        return send(accountId, headers, FreezeAccount::new);
    }

    @Operation(summary = "Unfreeze a frozen account (operators only)")
    @StateOutcomeResponses
    @PostMapping("/unfreeze")
    public ResponseEntity<AccountRepresentation> unfreeze(
            @PathVariable String accountId, @Parameter(hidden = true) @RequestHeader HttpHeaders headers,
            @RequestBody(required = false) AccountActionRequest body) {
        return send(accountId, headers, UnfreezeAccount::new);
    }

    @Operation(summary = "Close an empty account: zero posted balance, nothing pending (operators only)")
    @StateOutcomeResponses
    @PostMapping("/close")
    public ResponseEntity<AccountRepresentation> close(
            @PathVariable String accountId, @Parameter(hidden = true) @RequestHeader HttpHeaders headers,
            @RequestBody(required = false) AccountActionRequest body) {
        return send(accountId, headers, CloseAccount::new);
    }

    @Operation(summary = "Reopen a closed account (operators only)")
    @StateOutcomeResponses
    @PostMapping("/reopen")
    public ResponseEntity<AccountRepresentation> reopen(
            @PathVariable String accountId, @Parameter(hidden = true) @RequestHeader HttpHeaders headers,
            @RequestBody(required = false) AccountActionRequest body) {
        return send(accountId, headers, ReopenAccount::new);
    }

    @Operation(summary = "Set the overdraft limit; never below what the account already uses (operators only)")
    @StateOutcomeResponses
    @PutMapping("/overdraft-limit")
    public ResponseEntity<AccountRepresentation> overdraftLimit(
            @PathVariable String accountId, @Parameter(hidden = true) @RequestHeader HttpHeaders headers,
            @Valid @RequestBody OverdraftLimitRequest request) {
        return send(accountId, headers, id -> new ChangeOverdraftLimit(id, request.overdraftLimit()));
    }

    private ResponseEntity<AccountRepresentation> send(String accountId, HttpHeaders headers,
                                                       Function<String, AccountStateCommand> command) {
        if (!Actors.current().operator()) {
            throw new ApiProblem(HttpStatus.FORBIDDEN, "FORBIDDEN", "only an operator may change an account's state");
        }
        Optional<IfMatch> condition = ifMatch(headers);
        if (!accountId.matches(LedgerIds.PATTERN)) {
            // settlement accounts and malformed ids: not an account any action addresses
            throw notFound(accountId);
        }
        AccountStateCommand action = command.apply(accountId);
        StateOutcome outcome = commands.send(condition.<Object>map(c -> new IfMatchAccount(action, c)).orElse(action));
        if (outcome instanceof StateOutcome.Changed changed) {
            return versioned(changed.account());
        }
        if (outcome instanceof StateOutcome.Unchanged unchanged) {
            return versioned(unchanged.account());
        }
        if (outcome instanceof StateOutcome.Refused refused) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, refused.code().name(), refused.detail(),
                    Map.of("accountId", accountId));
        }
        if (outcome instanceof StateOutcome.VersionMismatch mismatch) {
            throw new VersionMismatchProblem(accountId, mismatch.version());
        }
        throw notFound(accountId);
    }

    /** The answer carries the version as its ETag, what a following command's {@code If-Match} names. */
    private static ResponseEntity<AccountRepresentation> versioned(AccountSnapshot account) {
        return ResponseEntity.ok().eTag("\"" + account.version() + "\"").body(AccountRepresentation.of(account));
    }

    private static Optional<IfMatch> ifMatch(HttpHeaders headers) {
        try {
            return IfMatch.parse(headers.get(HttpHeaders.IF_MATCH));
        } catch (IllegalArgumentException malformed) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, Problems.VALIDATION_FAILED,
                    HttpHeaders.IF_MATCH + " " + malformed.getMessage(),
                    Map.of("errors", List.of(new FieldViolation(HttpHeaders.IF_MATCH, malformed.getMessage()))));
        }
    }

    private static ApiProblem notFound(String accountId) {
        return new ApiProblem(HttpStatus.NOT_FOUND, "ACCOUNT_NOT_FOUND", "account " + accountId + " does not exist");
    }
}
