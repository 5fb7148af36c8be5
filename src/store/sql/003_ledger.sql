-- 003: certificates and the usage ledger (台账).
--
-- A certificate and everything frozen with it at approval are written once and never changed.
-- Ledger entries are append-only, numbered without gaps and hash-chained (docs/ledger.md gives
-- the canonical encoding). The database itself refuses UPDATE and DELETE on all of them; only
-- `ledger_balances`, a cache of the running balances that `ledger verify` recomputes, is updated.

CREATE TABLE certificates (
    cert_no            TEXT PRIMARY KEY,
    application_id     TEXT NOT NULL UNIQUE REFERENCES applications(id),
    condition          TEXT NOT NULL,
    issued_on          TEXT NOT NULL,   -- YYYY-MM-DD
    approved_at        TEXT NOT NULL,   -- RFC 3339, when it was recorded
    application_sha256 BLOB NOT NULL CHECK (length(application_sha256) = 32),
    package_sha256     TEXT,            -- the latest package receipt at approval, if any
    export_due         TEXT,            -- condition 5: the committed export date
    exhibition_end     TEXT             -- condition 4: the end of the display period
);

-- One row per product line: what was applied for and what the authority certified.
CREATE TABLE certificate_lines (
    cert_no   TEXT NOT NULL REFERENCES certificates(cert_no),
    line      INTEGER NOT NULL CHECK (line >= 1),
    name      TEXT NOT NULL,
    model     TEXT NOT NULL,
    unit      TEXT NOT NULL,
    applied   INTEGER NOT NULL CHECK (applied >= 0),
    certified INTEGER NOT NULL CHECK (certified >= 0),
    PRIMARY KEY (cert_no, line)
) WITHOUT ROWID;

-- The application's files as they were when the certificate was issued.
CREATE TABLE certificate_files (
    cert_no TEXT NOT NULL REFERENCES certificates(cert_no),
    path    TEXT NOT NULL,              -- relative to the application directory, `/` separators
    sha256  BLOB NOT NULL CHECK (length(sha256) = 32),
    size    INTEGER NOT NULL,
    PRIMARY KEY (cert_no, path)
) WITHOUT ROWID;

-- The ledger. `seq` runs 1, 2, 3… without gaps; `hash` = SHA-256(previous hash || canonical row).
-- No foreign keys or insert triggers here: every entry is written by one code path inside an
-- IMMEDIATE transaction (number = head + 1, certificate and line checked), and `ledger verify`
-- re-checks numbering, references and hashes; an insert stays a plain append, which keeps a
-- million-row import close to the speed of a bare table.
-- Kinds: the seven movements, `reversal` (cancels the entry named by `reverses`), `certify` (the
-- certificate was recorded; line 0) and `close` (the certificate was written off; line 0).
CREATE TABLE ledger_entries (
    seq         INTEGER PRIMARY KEY,
    cert_no     TEXT NOT NULL,
    line        INTEGER NOT NULL CHECK (line >= 0),
    -- inbound | issue | return | use | reexport | scrap | export | reversal | certify | close
    -- (checked by the one code path that writes entries and by `ledger verify`, not per insert)
    kind        TEXT NOT NULL,
    qty         INTEGER NOT NULL CHECK (qty >= 0),
    date        TEXT NOT NULL,          -- the business date, YYYY-MM-DD
    recorded_at TEXT NOT NULL,          -- RFC 3339
    doc_no      TEXT,
    location    TEXT,
    operator    TEXT,
    note        TEXT,
    idem_key    TEXT,
    reverses    INTEGER,
    -- The evidence files, encoded as in the canonical entry (docs/ledger.md): u32 count, then
    -- per file str(kind) str(name) sha256 i64(size). NULL when there is none. The files are
    -- `.ccc-exempt/evidence/<hex sha256>`.
    evidence    BLOB,
    hash        BLOB NOT NULL           -- 32 bytes
);

-- Running balances per certificate line (a cache; `ledger verify` recomputes it).
CREATE TABLE ledger_balances (
    cert_no    TEXT NOT NULL,
    line       INTEGER NOT NULL,
    received   INTEGER NOT NULL DEFAULT 0,
    in_stock   INTEGER NOT NULL DEFAULT 0,
    issued     INTEGER NOT NULL DEFAULT 0,
    used       INTEGER NOT NULL DEFAULT 0,
    reexported INTEGER NOT NULL DEFAULT 0,
    scrapped   INTEGER NOT NULL DEFAULT 0,
    exported   INTEGER NOT NULL DEFAULT 0,
    last_date  TEXT,                    -- the latest business date of a counted movement
    entries    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (cert_no, line),
    FOREIGN KEY (cert_no, line) REFERENCES certificate_lines(cert_no, line)
) WITHOUT ROWID;

-- An idempotency key is used once; an entry is reversed at most once (L007, L008).
CREATE UNIQUE INDEX ledger_keys ON ledger_entries(idem_key) WHERE idem_key IS NOT NULL;
CREATE UNIQUE INDEX ledger_reversals ON ledger_entries(reverses) WHERE reverses IS NOT NULL;
-- Write-offs, found without scanning a certificate's movements.
CREATE INDEX ledger_closes ON ledger_entries(cert_no) WHERE kind = 'close';

CREATE TRIGGER ledger_entries_no_update BEFORE UPDATE ON ledger_entries
BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only: record a reversal instead'); END;
CREATE TRIGGER ledger_entries_no_delete BEFORE DELETE ON ledger_entries
BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only: record a reversal instead'); END;

CREATE TRIGGER certificates_no_update BEFORE UPDATE ON certificates
BEGIN SELECT RAISE(ABORT, 'certificates are never changed once recorded'); END;
CREATE TRIGGER certificates_no_delete BEFORE DELETE ON certificates
BEGIN SELECT RAISE(ABORT, 'certificates are never changed once recorded'); END;
CREATE TRIGGER certificate_lines_no_update BEFORE UPDATE ON certificate_lines
BEGIN SELECT RAISE(ABORT, 'certificates are never changed once recorded'); END;
CREATE TRIGGER certificate_lines_no_delete BEFORE DELETE ON certificate_lines
BEGIN SELECT RAISE(ABORT, 'certificates are never changed once recorded'); END;
CREATE TRIGGER certificate_files_no_update BEFORE UPDATE ON certificate_files
BEGIN SELECT RAISE(ABORT, 'certificates are never changed once recorded'); END;
CREATE TRIGGER certificate_files_no_delete BEFORE DELETE ON certificate_files
BEGIN SELECT RAISE(ABORT, 'certificates are never changed once recorded'); END;
