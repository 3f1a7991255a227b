package io.ledgerflow.command.audit.reconciliation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.util.Optional;

/** Stored payload bytes as JSON; bytes that are not JSON (a damaged row) read as nothing, never as an error. */
final class StoredPayloads {

    private final ObjectMapper json = new ObjectMapper();

    /** The payload as that event; empty when it is not JSON of that shape. */
    <T> Optional<T> read(byte[] payload, Class<T> type) {
        try {
            return payload == null ? Optional.empty() : Optional.ofNullable(json.readValue(payload, type));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    JsonNode parse(byte[] payload) {
        try {
            JsonNode tree = payload == null ? null : json.readTree(payload);
            return tree == null ? MissingNode.getInstance() : tree;
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }
}
