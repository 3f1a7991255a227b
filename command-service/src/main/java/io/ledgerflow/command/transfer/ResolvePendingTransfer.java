package io.ledgerflow.command.transfer;

import io.ledgerflow.command.security.Actor;

public record ResolvePendingTransfer(String transferId, Resolution resolution, Actor actor) {
}
