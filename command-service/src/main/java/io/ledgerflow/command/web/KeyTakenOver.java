package io.ledgerflow.command.web;

import io.ledgerflow.servicekit.web.ApiProblem;
import org.springframework.http.HttpStatus;

/** A keyed request found its key taken over by a retry before its command ran: nothing of it runs. */
public class KeyTakenOver extends ApiProblem {

    public KeyTakenOver() {
        super(HttpStatus.CONFLICT, "IDEMPOTENCY_KEY_IN_PROGRESS",
                "a retry took the Idempotency-Key over from this request; nothing of it was applied");
    }
}
