package io.ledgerflow.command.audit.chain;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The answer of a chain verification.
 *
 * @param valid               every link in the range equals the link recomputed from the stored events
 * @param checked             links recomputed and found equal (all of the range's links when valid; those before
 *                            the first broken position otherwise)
 * @param firstBrokenPosition the lowest position whose event and link disagree (changed event, event without a
 *                            link, link without an event), or null when valid
 * @param headHash            the stored head of the chain
 */
public record ChainVerification(boolean valid, long checked,
                                @Schema(types = {"integer", "null"}) Long firstBrokenPosition, String headHash) {
}
