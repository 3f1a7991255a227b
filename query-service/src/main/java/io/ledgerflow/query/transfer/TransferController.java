package io.ledgerflow.query.transfer;

import io.ledgerflow.query.security.ReadScope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/transfers")
public class TransferController {

    private final TransferQueries transfers;

    public TransferController(TransferQueries transfers) {
        this.transfers = transfers;
    }

    @Operation(summary = "A transfer's terms, status and outcome")
    @ApiResponse(responseCode = "200", description = "The transfer", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404",
            description = "No such transfer, or neither of its accounts is yours (TRANSFER_NOT_FOUND)",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @GetMapping("/{id}")
    public ResponseEntity<TransferView> transfer(@PathVariable String id) {
        TransferView transfer = transfers.find(id, ReadScope.current())
                .orElseThrow(() -> new TransferNotFoundException(id));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(transfer);
    }
}
