-- The account a pending transfer reserves a credit on: a credit that would overflow that account's balance beside
-- holds past their timeout expires them first (PendingExpiries.dueBeforeRefusing), as a debit refused for funds
-- does on the debit side. Rows scheduled before this column have no credit account: the expiry job expires them.
ALTER TABLE pending_expiries ADD COLUMN credit_account_id text;

CREATE INDEX pending_expiries_credit_account_due_at ON pending_expiries (credit_account_id, due_at);
