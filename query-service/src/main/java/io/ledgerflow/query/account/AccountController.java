package io.ledgerflow.query.account;

import io.ledgerflow.query.security.ReadScope;
import io.ledgerflow.query.web.ConditionalGet;
import io.ledgerflow.query.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** List parameters arrive as strings so that every malformed one is reported in {@code errors[]}, not as a 500. */
@RestController
@RequestMapping("/api/v1/accounts")
public class AccountController {

    private final AccountQueries accounts;
    private final AccountLists lists;

    public AccountController(AccountQueries accounts, AccountLists lists) {
        this.accounts = accounts;
        this.lists = lists;
    }

    /**
     * {@code If-None-Match} naming the current version, or {@code *}, answers 304 ({@link ConditionalGet}).
     * The account is looked up in the caller's scope first, so a conditional request reveals nothing either.
     */
    @Operation(summary = "An account's balances, status and version; ETag is the version")
    @ApiResponse(responseCode = "200", description = "The account", useReturnTypeSchema = true,
            headers = @Header(name = "ETag", description = "\"<version>\": what an operator's account action names "
                    + "in If-Match", schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "304", description = "If-None-Match names the current version", content = @Content,
            headers = @Header(name = "ETag", description = "\"<version>\"", schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "404", description = "No such account, or not yours (ACCOUNT_NOT_FOUND)",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @GetMapping("/{id}")
    public ResponseEntity<AccountView> account(@PathVariable String id,
            @Parameter(description = "an ETag from an earlier read, or *")
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) List<String> ifNoneMatch) {
        AccountView account = accounts.find(id, ReadScope.current())
                .orElseThrow(() -> new AccountNotFoundException(id));
        return ConditionalGet.versioned(account.version(), account, ifNoneMatch);
    }

    @Operation(summary = "The accounts in the caller's scope (a client: its own), in id order, optionally filtered")
    @ApiResponse(responseCode = "200", description = "A page of accounts", useReturnTypeSchema = true)
    @GetMapping
    public ResponseEntity<Page<AccountView>> accounts(
            @Parameter(description = "only this owner's accounts") @RequestParam(required = false) String ownerId,
            @Parameter(description = "ISO 4217 code, e.g. USD") @RequestParam(required = false) String currency,
            @Parameter(description = "OPEN, FROZEN or CLOSED") @RequestParam(required = false) String status,
            @Parameter(description = "1 to 500, default 100") @RequestParam(required = false) String limit,
            @Parameter(description = "nextCursor of the previous page") @RequestParam(required = false) String cursor) {
        AccountListQuery query = AccountListQuery.parse(ownerId, currency, status, limit, cursor);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(lists.page(query, ReadScope.current()));
    }
}
