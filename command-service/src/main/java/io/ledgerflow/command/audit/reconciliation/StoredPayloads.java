package io.ledgerflow.command.audit.reconciliation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.IOException;

/** Stored payload bytes as JSON trees; bytes that are not JSON (a damaged row) read as nothing, never as an error. */
final class StoredPayloads {

    private final ObjectMapper json = new ObjectMapper();

    JsonNode parse(byte[] payload) {
        try {
            JsonNode tree = payload == null ? null : json.readTree(payload);
            return tree == null ? MissingNode.getInstance() : tree;
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }
}
