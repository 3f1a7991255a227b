package io.ledgerflow.events.envelope;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class AsyncApiDocumentTest {

    @Test
    void the_asyncapi_document_names_the_topic_and_every_published_event_type() throws IOException {
        String document;
        try (InputStream in = getClass().getResourceAsStream("/asyncapi.yaml")) {
            assertThat(in).isNotNull();
            document = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        assertThat(document).contains("address: " + LedgerTopic.NAME);
        EventTypes.ALL.forEach(type -> assertThat(document).contains("name: " + EventTypes.typeOf(type)));
        for (String extension : new String[]{CloudEventAttributes.POSITION, CloudEventAttributes.SEQUENCE,
                CloudEventAttributes.CORRELATION_ID, CloudEventAttributes.CAUSATION_ID, CloudEventAttributes.PRINCIPAL, CloudEventAttributes.CLIENT_ID}) {
            assertThat(document).contains("ce_" + extension + ":");
        }
    }
}
