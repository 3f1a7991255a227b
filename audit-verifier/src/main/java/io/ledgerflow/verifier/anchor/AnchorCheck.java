package io.ledgerflow.verifier.anchor;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerflow.events.audit.AnchorKeys;
import io.ledgerflow.events.audit.ChainAnchor;
import io.ledgerflow.verifier.violation.ViolationKind;
import io.ledgerflow.verifier.violation.Violations;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks saved anchors: every anchor's Ed25519 signature with the auditor's key, and, for an export, that each
 * anchor whose position lies within the export names the hash the chain recomputed from the export has there.
 */
public final class AnchorCheck {

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final List<ChainAnchor> anchors;
    private final PublicKey key;
    private final List<String> notes = new ArrayList<>();
    private long signaturesChecked;
    private long headsChecked;
    private long outside;

    private AnchorCheck(List<ChainAnchor> anchors, PublicKey key) {
        this.anchors = anchors;
        this.key = key;
    }

    /**
     * @param publicKeyFile the auditor's own copy of the public key (PEM); without it, the key the anchors file
     *                      states is used, and the report says it was not independently supplied
     * @throws IOException              when a file cannot be read
     * @throws IllegalArgumentException when a file is not what it should be (usage error)
     */
    public static AnchorCheck load(Path anchorsFile, Optional<Path> publicKeyFile) throws IOException {
        AnchorsDocument document;
        try {
            document = JSON.readValue(anchorsFile.toFile(), AnchorsDocument.class);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IllegalArgumentException(anchorsFile + " is not the JSON of GET /audit/chain/anchors: "
                    + e.getOriginalMessage(), e);
        }
        PublicKey key;
        List<String> notes = new ArrayList<>();
        if (publicKeyFile.isPresent()) {
            key = AnchorKeys.publicKey(Files.readString(publicKeyFile.get()));
            notes.add("anchor key: " + publicKeyFile.get() + " (keyId " + AnchorKeys.keyId(key) + "), supplied by the auditor");
            if (document.keyId() != null && !document.keyId().equals(AnchorKeys.keyId(key))) {
                notes.add("the anchors file names key " + document.keyId() + ", not the supplied key");
            }
        } else {
            if (document.publicKey() == null) {
                throw new IllegalArgumentException(anchorsFile + " states no publicKey: give --public-key");
            }
            key = AnchorKeys.publicKey(document.publicKey());
            notes.add("anchor key: taken from the anchors file (keyId " + AnchorKeys.keyId(key)
                    + "), NOT independently supplied: give --public-key with your own copy to rule out a substituted key");
        }
        AnchorCheck check = new AnchorCheck(document.items(), key);
        check.notes.addAll(notes);
        return check;
    }

    /** Positions whose recomputed chain hash the head check needs. */
    public Set<Long> positions() {
        return anchors.stream().map(ChainAnchor::position).collect(Collectors.toUnmodifiableSet());
    }

    public void checkSignatures(Violations violations) {
        for (ChainAnchor anchor : anchors) {
            signaturesChecked++;
            if (!anchor.isSignedBy(key)) {
                violations.report(ViolationKind.ANCHOR_SIGNATURE, anchor.position(), "anchor", "the anchor signed at "
                        + anchor.signedAt() + " over head " + anchor.headHash() + " (keyId " + anchor.keyId()
                        + ") is not signed by key " + AnchorKeys.keyId(key));
            }
        }
    }

    /**
     * @param first      the export's first position (its hash trusted when the export is partial)
     * @param last       the export's last position
     * @param recomputed the chain recomputed from the export at the anchors' positions that it holds
     */
    public void checkHeads(long first, long last, Map<Long, String> recomputed, Violations violations) {
        for (ChainAnchor anchor : anchors) {
            if (anchor.position() < first || anchor.position() > last) {
                outside++;
                continue;
            }
            headsChecked++;
            String hash = recomputed.get(anchor.position());
            if (hash == null) {
                violations.report(ViolationKind.ANCHOR_HEAD, anchor.position(), "anchor",
                        "the export has no event at the anchor's position");
            } else if (!hash.equals(anchor.headHash())) {
                violations.report(ViolationKind.ANCHOR_HEAD, anchor.position(), "anchor", "the anchor signs head "
                        + anchor.headHash() + ", the chain recomputed from the export is " + hash + " there");
            }
        }
    }

    /** A source without hashes (Kafka): no head can be compared. */
    public void headsNotCheckable() {
        outside = anchors.size();
        notes.add("anchor heads not compared: Kafka records carry no chain hashes (use an export for that)");
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }

    public AnchorSummary summary() {
        return new AnchorSummary(anchors.size(), signaturesChecked, headsChecked, outside);
    }

    /**
     * @param outside anchors whose head was not compared: outside the export's range, or a source without hashes
     */
    public record AnchorSummary(long anchors, long signaturesChecked, long headsChecked, long outside) {
    }
}
