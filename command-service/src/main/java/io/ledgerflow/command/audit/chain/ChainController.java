package io.ledgerflow.command.audit.chain;

import io.ledgerflow.command.audit.AuditParameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The tamper-evidence proofs of the audit API: verify the hash chain, and see how far it trails the store. */
@RestController
public class ChainController {

    private static final long MAX_POSITION = 999_999_999_999_999_999L;

    private final ChainVerifier verifier;
    private final ChainLinks links;
    private final ChainLag lag;

    public ChainController(ChainVerifier verifier, ChainLinks links, ChainLag lag) {
        this.verifier = verifier;
        this.links = links;
        this.lag = lag;
    }

    @Operation(summary = "Recompute the hash chain from the stored events and compare it with the stored links")
    @ApiResponse(responseCode = "200", description = "The verdict: valid, links checked, the first broken position "
            + "(null when valid) and the stored head hash", useReturnTypeSchema = true)
    @GetMapping("/api/v1/audit/chain/verify")
    public ResponseEntity<ChainVerification> verify(
            @Parameter(description = "first position to check, inclusive (default 1)") @RequestParam(required = false) String from,
            @Parameter(description = "last position to check, inclusive (default and at most: the head)")
            @RequestParam(required = false) String to) {
        AuditParameters parameters = new AuditParameters();
        long first = parameters.count("from", from, 1, MAX_POSITION);
        long last = parameters.count("to", to, Long.MAX_VALUE, MAX_POSITION);
        if (parameters.valid() && first > last) {
            parameters.violation("from", "must not be greater than 'to'");
        }
        parameters.requireValid();
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(verifier.verify(first, last));
    }

    @Operation(summary = "The chain's head and its lag behind the event store")
    @ApiResponse(responseCode = "200", description = "Head position and hash; events stored but not linked yet, "
            + "and the age of the oldest of them", useReturnTypeSchema = true)
    @GetMapping("/api/v1/audit/chain/head")
    public ResponseEntity<ChainStatus> head() {
        ChainHead head = links.head();
        ChainLag.Lag behind = lag.measure(head);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(new ChainStatus(head.position(), head.hash(), behind.events(), behind.seconds()));
    }
}
