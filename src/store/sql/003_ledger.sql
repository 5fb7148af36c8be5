-- 003: certificates and the ledger (filled by the ledger module).
CREATE TABLE ledger_placeholder (id INTEGER PRIMARY KEY);
