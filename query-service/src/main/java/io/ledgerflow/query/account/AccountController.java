package io.ledgerflow.query.account;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/accounts")
public class AccountController {

    private final AccountQueries accounts;

    public AccountController(AccountQueries accounts) {
        this.accounts = accounts;
    }

    /** Spring answers 304 itself when {@code If-None-Match} matches the returned ETag. */
    @Operation(summary = "An account's balances, status and version; ETag is the version")
    @GetMapping("/{id}")
    public ResponseEntity<AccountView> account(@PathVariable String id) {
        AccountView account = accounts.find(id).orElseThrow(() -> new AccountNotFoundException(id));
        return ResponseEntity.ok()
                .eTag("\"" + account.version() + "\"")
                .cacheControl(CacheControl.noStore())
                .body(account);
    }
}
