package io.ledgerflow.command.audit.reconciliation;

import io.ledgerflow.servicekit.web.ApiProblem;
import org.springframework.http.HttpStatus;

/** The projections could not be read: 503, so the auditor retries later; never a 500. */
class QueryServiceUnavailable extends ApiProblem {

    static final String CODE = "QUERY_SERVICE_UNAVAILABLE";

    QueryServiceUnavailable(String detail, Throwable cause) {
        super(HttpStatus.SERVICE_UNAVAILABLE, CODE, detail);
        initCause(cause);
    }
}
