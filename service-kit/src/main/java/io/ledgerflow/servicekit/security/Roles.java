package io.ledgerflow.servicekit.security;

/** The roles of docs/api.md, as they appear in tokens. */
public final class Roles {

    public static final String CLIENT = "client";
    public static final String OPERATOR = "operator";
    public static final String VIEWER = "viewer";
    public static final String AUDITOR = "auditor";
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
