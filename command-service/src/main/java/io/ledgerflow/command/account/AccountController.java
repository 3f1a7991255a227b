package io.ledgerflow.command.account;

import io.ledgerflow.servicekit.web.ApiProblem;
import io.ledgerflow.command.security.Actor;
import io.ledgerflow.command.security.Actors;
import io.ledgerflow.command.web.Commands;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;
import java.util.Map;

@RestController
@RequestMapping("/api/v1/accounts")
public class AccountController {

    private final Commands commands;

    public AccountController(Commands commands) {
        this.commands = commands;
    }

    @Operation(summary = "Open an account", description = "A client opens accounts for itself, without overdraft; "
            + "an operator for anyone, with any overdraft limit.")
    @ApiResponse(responseCode = "201", description = "Opened")
    @ApiResponse(responseCode = "403", description = "A client named another owner or a non-zero overdraftLimit (FORBIDDEN)",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @ApiResponse(responseCode = "200", description = "Already opened with the same fields: nothing changed")
    @ApiResponse(responseCode = "409", description = "The id exists with other fields (ID_EXISTS_WITH_DIFFERENT_FIELDS)",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @PostMapping
    public ResponseEntity<AccountRepresentation> open(@Valid @RequestBody OpenAccountRequest request) {
        Actor actor = Actors.current();
        OpenAccount command = request.toCommand(actor.subject());
        if (!actor.mayUse(command.ownerId())) {
            throw new ApiProblem(HttpStatus.FORBIDDEN, "FORBIDDEN", "a client may open accounts only for itself");
        }
        if (!actor.operator() && command.overdraftLimit() != 0) {
            throw new ApiProblem(HttpStatus.FORBIDDEN, "FORBIDDEN", "only an operator may set an overdraft limit");
        }
        AccountOutcome outcome = commands.send(command);
        if (outcome instanceof AccountOutcome.Opened opened) {
            return ResponseEntity.created(URI.create("/api/v1/accounts/" + opened.account().id()))
                    .body(AccountRepresentation.of(opened.account()));
        }
        if (outcome instanceof AccountOutcome.AlreadyOpened same) {
            return ResponseEntity.ok(AccountRepresentation.of(same.account()));
        }
        AccountOutcome.IdConflict conflict = (AccountOutcome.IdConflict) outcome;
        if (!actor.operator() && conflict.differingFields().contains("ownerId")) {
            // another owner's account: which of its fields differ would describe it
            throw new ApiProblem(HttpStatus.CONFLICT, "ID_EXISTS_WITH_DIFFERENT_FIELDS",
                    "account id " + request.id() + " is already in use", Map.of("fields", List.of("id")));
        }
        throw new ApiProblem(HttpStatus.CONFLICT, "ID_EXISTS_WITH_DIFFERENT_FIELDS",
                "account " + request.id() + " exists with different " + String.join(", ", conflict.differingFields()),
                Map.of("fields", conflict.differingFields()));
    }
}
