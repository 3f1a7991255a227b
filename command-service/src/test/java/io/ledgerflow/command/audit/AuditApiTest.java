package io.ledgerflow.command.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerflow.command.audit.chain.ChainLinks;
import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.testkit.http.Api;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;

/** The audit API as an auditor calls it, and waits for the hash chain to reach what a test wrote. */
public abstract class AuditApiTest extends CommandServiceTest {

    @Autowired
    protected ChainLinks links;

    protected Api auditor() {
        return anonymous.as(tokenFor("auditor"));
    }

    /** The stored events of one account or transfer, as the audit API lists them. */
    protected JsonNode history(String kind, String id) {
        Api.Response response = auditor().get("/api/v1/audit/" + kind + "/" + id + "/events");
        if (response.status() != 200) {
            throw new AssertionError("history of " + kind + " " + id + ": " + response);
        }
        return response.json().path("items");
    }

    /** Waits until the chain (linked by its own schedule) has reached {@code position}. */
    protected void awaitLinked(long position) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (links.head().position() < position) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the chain did not reach " + position + ": head " + links.head());
            }
            Thread.sleep(50);
        }
    }
}
