-- 005: the balance cache sealed to the hash chain (docs/ledger.md, "The balance cache").
--
-- `seal_seq` is the number of the ledger's last entry when the row was written, `digest` the
-- SHA-256 that binds the row's values to that entry's stored hash. A write session trusts a row
-- only while its digest holds and no entry on its line is numbered after `seal_seq`, and
-- recomputes the line from its entries otherwise; rows written before this migration have NULL
-- here and are recomputed (and sealed) the first time a session loads them.
ALTER TABLE ledger_balances ADD COLUMN seal_seq INTEGER;
ALTER TABLE ledger_balances ADD COLUMN digest BLOB;
