package io.ledgerflow.query.messaging;

import io.ledgerflow.servicekit.web.ApiProblem;
import org.springframework.http.HttpStatus;

import java.util.Map;

/** 409 {@code REBUILD_IN_PROGRESS}: one rebuild at a time. */
public class RebuildInProgressException extends ApiProblem {

    RebuildInProgressException(String generation) {
        super(HttpStatus.CONFLICT, "REBUILD_IN_PROGRESS", "The rebuild of generation " + generation
                + " is running; see GET /api/v1/admin/projections", Map.of("generation", generation));
    }
}
