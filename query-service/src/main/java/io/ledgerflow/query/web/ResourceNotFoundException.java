package io.ledgerflow.query.web;

/** The resource named in the path does not exist: 404 with a specific code. */
public abstract class ResourceNotFoundException extends RuntimeException {

    private final String code;
    private final String title;

    protected ResourceNotFoundException(String code, String title, String detail) {
        super(detail);
        this.code = code;
        this.title = title;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }
}
