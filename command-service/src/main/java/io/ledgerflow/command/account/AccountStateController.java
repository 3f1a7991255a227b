package io.ledgerflow.command.account;

import io.ledgerflow.command.security.Actors;
import io.ledgerflow.command.web.Commands;
import io.ledgerflow.command.web.LedgerIds;
import io.ledgerflow.servicekit.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;
import java.util.function.Function;

/** Operator actions on an account's status and overdraft limit; the rules are {@link AccountLifecycle}'s. */
@RestController
@RequestMapping("/api/v1/accounts/{accountId}")
public class AccountStateController {

    private final Commands commands;

    public AccountStateController(Commands commands) {
        this.commands = commands;
    }

    @Operation(summary = "Freeze: no debits and no new holds; credits still land (operators only)")
    @StateOutcomeResponses
    @PostMapping("/freeze")
    public ResponseEntity<AccountRepresentation> freeze(@PathVariable String accountId,
                                                        @RequestBody(required = false) AccountActionRequest body) {
        return send(accountId, FreezeAccount::new);
    }

    @Operation(summary = "Unfreeze a frozen account (operators only)")
    @StateOutcomeResponses
    @PostMapping("/unfreeze")
    public ResponseEntity<AccountRepresentation> unfreeze(@PathVariable String accountId,
                                                          @RequestBody(required = false) AccountActionRequest body) {
        return send(accountId, UnfreezeAccount::new);
    }

    @Operation(summary = "Close an empty account: zero posted balance, nothing pending (operators only)")
    @StateOutcomeResponses
    @PostMapping("/close")
    public ResponseEntity<AccountRepresentation> close(@PathVariable String accountId,
                                                       @RequestBody(required = false) AccountActionRequest body) {
        return send(accountId, CloseAccount::new);
    }

    @Operation(summary = "Reopen a closed account (operators only)")
    @StateOutcomeResponses
    @PostMapping("/reopen")
    public ResponseEntity<AccountRepresentation> reopen(@PathVariable String accountId,
                                                        @RequestBody(required = false) AccountActionRequest body) {
        return send(accountId, ReopenAccount::new);
    }

    @Operation(summary = "Set the overdraft limit; never below what the account already uses (operators only)")
    @StateOutcomeResponses
    @PutMapping("/overdraft-limit")
    public ResponseEntity<AccountRepresentation> overdraftLimit(@PathVariable String accountId,
                                                                @Valid @RequestBody OverdraftLimitRequest request) {
        return send(accountId, id -> new ChangeOverdraftLimit(id, request.overdraftLimit()));
    }

    private ResponseEntity<AccountRepresentation> send(String accountId, Function<String, AccountStateCommand> command) {
        if (!Actors.current().operator()) {
            throw new ApiProblem(HttpStatus.FORBIDDEN, "FORBIDDEN", "only an operator may change an account's state");
        }
        if (!accountId.matches(LedgerIds.PATTERN)) {
            // settlement accounts and malformed ids: not an account any action addresses
            throw notFound(accountId);
        }
        StateOutcome outcome = commands.send(command.apply(accountId));
        if (outcome instanceof StateOutcome.Changed changed) {
            return ResponseEntity.ok(AccountRepresentation.of(changed.account()));
        }
        if (outcome instanceof StateOutcome.Unchanged unchanged) {
            return ResponseEntity.ok(AccountRepresentation.of(unchanged.account()));
        }
        if (outcome instanceof StateOutcome.Refused refused) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, refused.code().name(), refused.detail(),
                    Map.of("accountId", accountId));
        }
        throw notFound(accountId);
    }

    private static ApiProblem notFound(String accountId) {
        return new ApiProblem(HttpStatus.NOT_FOUND, "ACCOUNT_NOT_FOUND", "account " + accountId + " does not exist");
    }
}
