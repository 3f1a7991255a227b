-- The account a hold reserves on: a debit refused for want of funds first expires the holds on its account whose
-- timeout has passed (PendingExpiries.dueOn), instead of being decided against reservations that are already void.
-- Rows scheduled before this column existed have none and are expired by PendingExpiryJob alone.
ALTER TABLE pending_expiries ADD COLUMN debit_account_id text;

CREATE INDEX pending_expiries_debit_account_due_at ON pending_expiries (debit_account_id, due_at);
