package io.ledgerflow.command.account;

import io.ledgerflow.command.web.ApiProblem;
import io.ledgerflow.command.web.Commands;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.Map;

@RestController
@RequestMapping("/api/v1/accounts")
public class AccountController {

    private final Commands commands;

    public AccountController(Commands commands) {
        this.commands = commands;
    }

    @PostMapping
    public ResponseEntity<AccountRepresentation> open(@Valid @RequestBody OpenAccountRequest request) {
        AccountOutcome outcome = commands.send(request.toCommand());
        if (outcome instanceof AccountOutcome.Opened opened) {
            return ResponseEntity.created(URI.create("/api/v1/accounts/" + opened.account().id()))
                    .body(AccountRepresentation.of(opened.account()));
        }
        if (outcome instanceof AccountOutcome.AlreadyOpened same) {
            return ResponseEntity.ok(AccountRepresentation.of(same.account()));
        }
        AccountOutcome.IdConflict conflict = (AccountOutcome.IdConflict) outcome;
        throw new ApiProblem(HttpStatus.CONFLICT, "ID_EXISTS_WITH_DIFFERENT_FIELDS",
                "account " + request.id() + " exists with different " + String.join(", ", conflict.differingFields()),
                Map.of("fields", conflict.differingFields()));
    }
}
