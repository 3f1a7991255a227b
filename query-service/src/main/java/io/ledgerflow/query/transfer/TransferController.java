package io.ledgerflow.query.transfer;

import io.swagger.v3.oas.annotations.Operation;
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
    @GetMapping("/{id}")
    public ResponseEntity<TransferView> transfer(@PathVariable String id) {
        TransferView transfer = transfers.find(id).orElseThrow(() -> new TransferNotFoundException(id));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(transfer);
    }
}
