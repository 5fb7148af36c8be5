-- 005: the balance cache sealed to the hash chain (docs/ledger.md, "The balance cache").
--
-- `last_seq` is the number of the last entry on the line (a movement or a reversal; 0 when it
-- has none) when the row was written, `digest` the SHA-256 that binds the row's values to that
-- entry's stored hash. A write session trusts a row only while its seal holds, and recomputes the
-- line from its entries otherwise; rows written before this migration have NULL here and are
-- recomputed (and sealed) the first time a session loads them.
ALTER TABLE ledger_balances ADD COLUMN last_seq INTEGER;
ALTER TABLE ledger_balances ADD COLUMN digest BLOB;

-- The entries of one certificate line, found without scanning the ledger: the last one (the
-- seal), whether there is any (a missing cache row), and the timeline of a back-dated movement,
-- a reversal or a recomputation.
CREATE INDEX ledger_lines ON ledger_entries(cert_no, line);
