package io.ledgerflow.command.audit.chain.anchor;

import io.ledgerflow.command.audit.AuditParameters;
import io.ledgerflow.events.audit.ChainAnchor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The signed anchors of the hash chain, for auditors to keep outside the system. */
@RestController
public class AnchorsController {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1_000;

    private final ChainAnchors anchors;
    private final SigningKey key;

    public AnchorsController(ChainAnchors anchors, SigningKey key) {
        this.anchors = anchors;
        this.key = key;
    }

    @Operation(summary = "Signed anchors of the hash chain (Ed25519), with the public key that verifies them")
    @ApiResponse(responseCode = "200", description = "A page of anchors in position order", useReturnTypeSchema = true)
    @GetMapping("/api/v1/audit/chain/anchors")
    public ResponseEntity<AnchorsPage> anchors(
            @Parameter(description = "position: anchors above it (default 0; nextCursor of the previous page)")
            @RequestParam(required = false) String after,
            @Parameter(description = "1 to 1000, default 100") @RequestParam(required = false) String limit) {
        AuditParameters parameters = new AuditParameters();
        long above = parameters.position("after", after);
        long size = parameters.count("limit", limit, DEFAULT_LIMIT, MAX_LIMIT);
        parameters.requireValid();
        List<ChainAnchor> page = anchors.page(above, Math.toIntExact(size) + 1);
        String next = page.size() > size ? Long.toString(page.get(Math.toIntExact(size) - 1).position()) : null;
        List<ChainAnchor> items = page.subList(0, Math.min(page.size(), Math.toIntExact(size)));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new AnchorsPage(ChainAnchor.ALGORITHM,
                key.current().map(AnchorKey::keyId).orElse(null),
                key.current().map(AnchorKey::publicKeyPem).orElse(null), List.copyOf(items), next));
    }
}
