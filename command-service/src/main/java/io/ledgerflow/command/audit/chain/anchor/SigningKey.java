package io.ledgerflow.command.audit.chain.anchor;

import java.util.Optional;

/** The anchor key in use; none only when anchoring is off and no key is configured. */
public record SigningKey(Optional<AnchorKey> current) {
}
