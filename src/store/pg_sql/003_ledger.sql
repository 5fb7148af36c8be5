-- 003 (PostgreSQL): certificates and the usage ledger (台账), as src/store/sql/003_ledger.sql,
-- plus the evidence store: on PostgreSQL evidence files are content-addressed blobs in the
-- database (on SQLite they are files beside it).
--
-- Entries are numbered by the one code path that writes them, inside a transaction holding the
-- ledger's advisory lock (src/store/pg.rs): number = head + 1, hash over the previous hash.
CREATE TABLE certificates (
    cert_no            text PRIMARY KEY,
    application_id     text NOT NULL UNIQUE REFERENCES applications(id),
    condition          text NOT NULL,
    issued_on          text NOT NULL,
    approved_at        text NOT NULL,
    application_sha256 bytea NOT NULL CHECK (length(application_sha256) = 32),
    package_sha256     text,
    export_due         text,
    exhibition_end     text
);

CREATE TABLE certificate_lines (
    cert_no   text NOT NULL REFERENCES certificates(cert_no),
    line      bigint NOT NULL CHECK (line >= 1),
    name      text NOT NULL,
    model     text NOT NULL,
    unit      text NOT NULL,
    applied   bigint NOT NULL CHECK (applied >= 0),
    certified bigint NOT NULL CHECK (certified >= 0),
    PRIMARY KEY (cert_no, line)
);

CREATE TABLE certificate_files (
    cert_no text NOT NULL REFERENCES certificates(cert_no),
    path    text NOT NULL,
    sha256  bytea NOT NULL CHECK (length(sha256) = 32),
    size    bigint NOT NULL,
    PRIMARY KEY (cert_no, path)
);

CREATE TABLE ledger_entries (
    seq         bigint PRIMARY KEY CHECK (seq >= 1),
    cert_no     text NOT NULL,
    line        bigint NOT NULL CHECK (line >= 0),
    kind        text NOT NULL,
    qty         bigint NOT NULL CHECK (qty >= 0),
    date        text NOT NULL,
    recorded_at text NOT NULL,
    doc_no      text,
    location    text,
    operator    text,
    note        text,
    idem_key    text,
    reverses    bigint,
    evidence    bytea,
    hash        bytea NOT NULL
);

CREATE TABLE ledger_balances (
    cert_no    text NOT NULL,
    line       bigint NOT NULL,
    received   bigint NOT NULL DEFAULT 0,
    in_stock   bigint NOT NULL DEFAULT 0,
    issued     bigint NOT NULL DEFAULT 0,
    used       bigint NOT NULL DEFAULT 0,
    reexported bigint NOT NULL DEFAULT 0,
    scrapped   bigint NOT NULL DEFAULT 0,
    exported   bigint NOT NULL DEFAULT 0,
    last_date  text,
    entries    bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (cert_no, line),
    FOREIGN KEY (cert_no, line) REFERENCES certificate_lines(cert_no, line)
);

CREATE UNIQUE INDEX ledger_keys ON ledger_entries(idem_key) WHERE idem_key IS NOT NULL;
CREATE UNIQUE INDEX ledger_reversals ON ledger_entries(reverses) WHERE reverses IS NOT NULL;
CREATE INDEX ledger_closes ON ledger_entries(cert_no) WHERE kind = 'close';

CREATE TRIGGER ledger_entries_no_update BEFORE UPDATE ON ledger_entries FOR EACH ROW
EXECUTE FUNCTION ccc_exempt_refuse('ledger entries are append-only: record a reversal instead');
CREATE TRIGGER ledger_entries_no_delete BEFORE DELETE ON ledger_entries FOR EACH ROW
EXECUTE FUNCTION ccc_exempt_refuse('ledger entries are append-only: record a reversal instead');
CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON ledger_entries FOR EACH STATEMENT
EXECUTE FUNCTION ccc_exempt_refuse('ledger entries are append-only: record a reversal instead');

CREATE TRIGGER certificates_no_update BEFORE UPDATE ON certificates FOR EACH ROW
EXECUTE FUNCTION ccc_exempt_refuse('certificates are never changed once recorded');
CREATE TRIGGER certificates_no_delete BEFORE DELETE ON certificates FOR EACH ROW
EXECUTE FUNCTION ccc_exempt_refuse('certificates are never changed once recorded');
CREATE TRIGGER certificate_lines_no_update BEFORE UPDATE ON certificate_lines FOR EACH ROW
EXECUTE FUNCTION ccc_exempt_refuse('certificates are never changed once recorded');
CREATE TRIGGER certificate_lines_no_delete BEFORE DELETE ON certificate_lines FOR EACH ROW
EXECUTE FUNCTION ccc_exempt_refuse('certificates are never changed once recorded');
CREATE TRIGGER certificate_files_no_update BEFORE UPDATE ON certificate_files FOR EACH ROW
EXECUTE FUNCTION ccc_exempt_refuse('certificates are never changed once recorded');
CREATE TRIGGER certificate_files_no_delete BEFORE DELETE ON certificate_files FOR EACH ROW
EXECUTE FUNCTION ccc_exempt_refuse('certificates are never changed once recorded');

-- Evidence files, content-addressed: one row per file (its SHA-256 and size), its bytes in
-- chunks of at most 1 MiB (written and read a chunk at a time, never whole). Written once.
CREATE TABLE evidence_blobs (
    sha256 bytea PRIMARY KEY CHECK (length(sha256) = 32),
    size   bigint NOT NULL CHECK (size >= 0)
);
CREATE TABLE evidence_chunks (
    sha256 bytea NOT NULL REFERENCES evidence_blobs(sha256),
    n      integer NOT NULL CHECK (n >= 0),
    data   bytea NOT NULL,
    PRIMARY KEY (sha256, n)
);
CREATE TRIGGER evidence_blobs_no_update BEFORE UPDATE OR DELETE ON evidence_blobs FOR EACH ROW
EXECUTE FUNCTION ccc_exempt_refuse('evidence files are never changed once stored');
CREATE TRIGGER evidence_chunks_no_update BEFORE UPDATE OR DELETE ON evidence_chunks FOR EACH ROW
EXECUTE FUNCTION ccc_exempt_refuse('evidence files are never changed once stored');
