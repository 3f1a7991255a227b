package io.ledgerflow.command.transfer.web;

import io.ledgerflow.command.transfer.DepositFunds;
import io.ledgerflow.command.transfer.WithdrawFunds;
import io.ledgerflow.servicekit.web.ApiProblem;
import io.ledgerflow.command.security.Actors;
import io.ledgerflow.command.web.Commands;
import io.ledgerflow.command.web.LedgerIds;
import org.springframework.http.HttpStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class TransferController {

    private final Commands commands;

    public TransferController(Commands commands) {
        this.commands = commands;
    }

    @Operation(summary = "Transfer between two accounts of one currency, debit and credit in one transaction")
    @TransferOutcomeResponses
    @PostMapping("/api/v1/transfers")
    public ResponseEntity<TransferRepresentation> transfer(@Valid @RequestBody TransferRequest request) {
        return TransferResponses.toResponse(request.id(), commands.send(request.toCommand(Actors.current())));
    }

    @Operation(summary = "Deposit: a transfer from @world:<CUR> into the account (operators only)")
    @TransferOutcomeResponses
    @ApiResponse(responseCode = "404", description = "The account in the path does not exist (ACCOUNT_NOT_FOUND)",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @PostMapping("/api/v1/accounts/{accountId}/deposits")
    public ResponseEntity<TransferRepresentation> deposit(@PathVariable String accountId,
                                                          @Valid @RequestBody MovementRequest request) {
        requireClientAccountId(accountId);
        return TransferResponses.toResponse(request.id(), commands.send(new DepositFunds(request.id(), accountId,
                request.amount(), request.reference(), request.metadataOrEmpty(), Actors.current())));
    }

    @Operation(summary = "Withdrawal: a transfer from the account to @world:<CUR> (operators only)")
    @TransferOutcomeResponses
    @ApiResponse(responseCode = "404", description = "The account in the path does not exist (ACCOUNT_NOT_FOUND)",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @PostMapping("/api/v1/accounts/{accountId}/withdrawals")
    public ResponseEntity<TransferRepresentation> withdraw(@PathVariable String accountId,
                                                           @Valid @RequestBody MovementRequest request) {
        requireClientAccountId(accountId);
        return TransferResponses.toResponse(request.id(), commands.send(new WithdrawFunds(request.id(), accountId,
                request.amount(), request.reference(), request.metadataOrEmpty(), Actors.current())));
    }

    /** Settlement accounts and malformed ids are never a client's account: they do not exist for this path. */
    private static void requireClientAccountId(String accountId) {
        if (!accountId.matches(LedgerIds.PATTERN)) {
            throw new ApiProblem(HttpStatus.NOT_FOUND, "ACCOUNT_NOT_FOUND", "account " + accountId + " does not exist");
        }
    }
}
