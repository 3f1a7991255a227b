-- Responses stored under a client's Idempotency-Key, scoped to the caller (token subject).
-- A row without a status is a request still executing (claimed by `owner`); a row with one is a stored answer.
CREATE TABLE idempotency_keys (
    subject      text        NOT NULL,
    idem_key     text        NOT NULL,
    request_hash bytea       NOT NULL,
    owner        uuid        NOT NULL,
    claimed_at   timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    status       smallint,
    headers      jsonb,
    body         bytea,
    PRIMARY KEY (subject, idem_key)
);

CREATE INDEX idempotency_keys_expires_at ON idempotency_keys (expires_at);
