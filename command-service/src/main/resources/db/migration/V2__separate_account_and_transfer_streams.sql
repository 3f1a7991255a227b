-- Accounts and transfers are separate namespaces: an aggregate's stream id carries its kind ('account/' or
-- 'transfer/'; '/' cannot occur in a ledger id). Streams written before that get their kind's prefix here.
-- Snapshots hold the old stream id in their payload; they are only a cache, and are taken again as needed.
SET LOCAL lock_timeout = 0;

UPDATE domainevententry SET aggregateidentifier = 'account/' || aggregateidentifier
 WHERE type = 'Account' AND aggregateidentifier NOT LIKE 'account/%';

UPDATE domainevententry SET aggregateidentifier = 'transfer/' || aggregateidentifier
 WHERE type = 'Transfer' AND aggregateidentifier NOT LIKE 'transfer/%';

DELETE FROM snapshotevententry;
