-- Pending transfers with a timeout, until they are resolved: the durable schedule of their expiry.
-- A row is inserted in the transaction that appends TransferPending and deleted in the one that posts, voids or
-- expires the transfer, so it exists exactly while the transfer is pending. PendingExpiryJob polls the due rows.
CREATE TABLE pending_expiries (
    transfer_id text        PRIMARY KEY,
    due_at      timestamptz NOT NULL
);

CREATE INDEX pending_expiries_due_at ON pending_expiries (due_at);
