-- The audit hash chain: one link per stored event, in global order (HashChain in shared-events defines a link).
-- Positions skipped by the chain are holes in the global index that no transaction can fill any more.
CREATE TABLE audit_chain_link (
    position  BIGINT      NOT NULL PRIMARY KEY,
    hash      CHAR(64)    NOT NULL,
    linked_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
