package io.ledgerflow.servicekit.web;

/** One entry of a problem's {@code errors[]}. */
public record FieldViolation(String field, String message) {
}
