-- 002: package receipts (filled by the package module).
CREATE TABLE packages_placeholder (id INTEGER PRIMARY KEY);
