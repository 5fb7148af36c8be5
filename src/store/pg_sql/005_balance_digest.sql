-- 005 (PostgreSQL): the balance cache sealed to the hash chain, as
-- src/store/sql/005_balance_digest.sql.
ALTER TABLE ledger_balances ADD COLUMN seal_seq bigint;
ALTER TABLE ledger_balances ADD COLUMN digest bytea;
