-- Signed anchors of the audit hash chain (ChainAnchor in shared-events): one per anchored head position.
-- published_at is set once the broker acknowledged the anchor on its topic; null means it is still to be sent.
CREATE TABLE audit_chain_anchor (
    position     BIGINT      NOT NULL PRIMARY KEY,
    head_hash    CHAR(64)    NOT NULL,
    signed_at    VARCHAR(40) NOT NULL,
    key_id       VARCHAR(64) NOT NULL,
    signature    VARCHAR(200) NOT NULL,
    published_at TIMESTAMPTZ
);
CREATE INDEX audit_chain_anchor_unpublished ON audit_chain_anchor (position) WHERE published_at IS NULL;
