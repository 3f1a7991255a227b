package io.ledgerflow.command.web;

import io.ledgerflow.servicekit.web.FieldViolation;

import java.util.List;

/** A request with rules between its fields, reported with its fields' own violations. */
public interface CrossFieldChecked {

    /** Empty when the fields agree. */
    List<FieldViolation> crossFieldViolations();
}
