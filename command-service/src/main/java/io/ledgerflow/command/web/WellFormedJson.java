package io.ledgerflow.command.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;

import java.io.IOException;

/** Whether a body is one JSON value and nothing else, read token by token without binding it. */
final class WellFormedJson {

    private static final JsonFactory JSON = new JsonFactory();

    private WellFormedJson() {
    }

    static boolean isWellFormed(byte[] body) {
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() == null) {
                return false;
            }
            parser.skipChildren();
            return parser.nextToken() == null;
        } catch (IOException notJson) {
            return false;
        }
    }
}
