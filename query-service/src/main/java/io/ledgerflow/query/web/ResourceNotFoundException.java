package io.ledgerflow.query.web;

/** The resource named in the path does not exist: 404 with a specific code. */
public abstract class ResourceNotFoundException extends RuntimeException {

    private final String code;

    protected ResourceNotFoundException(String code, String detail) {
        super(detail);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
