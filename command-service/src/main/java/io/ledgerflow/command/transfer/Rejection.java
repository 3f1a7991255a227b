package io.ledgerflow.command.transfer;

import java.util.Optional;

public record Rejection(RejectionCode code, String detail) {

    public static Optional<Rejection> of(RejectionCode code, String detail) {
        return Optional.of(new Rejection(code, detail));
    }
}
