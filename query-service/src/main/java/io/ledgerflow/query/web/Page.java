package io.ledgerflow.query.web;

import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** A page of a cursor-paginated list; {@code nextCursor} is null on the last page. */
public record Page<T>(List<T> items, @Schema(types = {"string", "null"}) String nextCursor) {
}
