-- 002: package receipts: every package built (`ccc-exempt package`), what it holds and who made it.
CREATE TABLE packages (
    id              INTEGER PRIMARY KEY,
    application_id  TEXT NOT NULL REFERENCES applications(id),
    created_at      TEXT NOT NULL,             -- RFC 3339, the command's clock
    path            TEXT NOT NULL,             -- where it was written
    zip_sha256      TEXT NOT NULL,
    zip_size        INTEGER NOT NULL,
    manifest_sha256 TEXT NOT NULL,             -- SHA-256 of manifest-sha256.txt
    payload_oxum    TEXT NOT NULL,             -- bytes.count
    generator       TEXT NOT NULL,             -- e.g. "ccc-exempt 0.1.0"
    draft           INTEGER NOT NULL CHECK (draft IN (0, 1)),
    errors          INTEGER NOT NULL           -- error findings at packaging time
);
CREATE INDEX packages_by_app ON packages(application_id, id);
