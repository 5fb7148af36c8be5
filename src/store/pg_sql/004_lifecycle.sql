-- 004 (PostgreSQL): what the lifecycle's guards look at, as src/store/sql/004_lifecycle.sql.
CREATE TABLE check_files (
    check_id bigint NOT NULL REFERENCES checks(id),
    path     text NOT NULL,
    sha256   bytea NOT NULL CHECK (length(sha256) = 32),
    PRIMARY KEY (check_id, path)
);

ALTER TABLE status_events ADD COLUMN forced_code text;
ALTER TABLE status_events ADD COLUMN forced_why text;
ALTER TABLE status_events ADD COLUMN forced_reason text;
