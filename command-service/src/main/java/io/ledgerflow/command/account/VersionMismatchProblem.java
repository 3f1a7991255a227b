package io.ledgerflow.command.account;

import io.ledgerflow.servicekit.web.ApiProblem;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

import java.util.Map;

/** 412: the command's {@code If-Match} named none of the account's versions; the ETag says which one it is at. */
final class VersionMismatchProblem extends ApiProblem {

    static final String CODE = "PRECONDITION_FAILED";

    private final long version;

    VersionMismatchProblem(String accountId, long version) {
        super(HttpStatus.PRECONDITION_FAILED, CODE, "account " + accountId + " is at version " + version
                + ", which If-Match does not name: nothing was changed", Map.of("accountId", accountId));
        this.version = version;
    }

    @Override
    public Map<String, String> headers() {
        return Map.of(HttpHeaders.ETAG, "\"" + version + "\"");
    }
}
