-- 004: what the lifecycle's guards look at (src/model/status.rs).
--
-- The files each check saw: application.toml and every material file it could read, by content
-- hash, so that `app approve` can tell whether the last check is of the current files (S003).
-- Only the latest check of an application keeps its rows (a check is run again at will; the
-- `checks` rows themselves stay). A check without rows was recorded before this migration.
CREATE TABLE check_files (
    check_id INTEGER NOT NULL REFERENCES checks(id),
    path     TEXT NOT NULL,             -- relative to the application directory, `/` separators
    sha256   BLOB NOT NULL CHECK (length(sha256) = 32),
    PRIMARY KEY (check_id, path)
) WITHOUT ROWID;

-- A move made past a guard that did not pass (`app approve --force --reason TEXT`): the guard's
-- code, what it found, and the reason given. NULL on every other event.
ALTER TABLE status_events ADD COLUMN forced_code TEXT;
ALTER TABLE status_events ADD COLUMN forced_why TEXT;
ALTER TABLE status_events ADD COLUMN forced_reason TEXT;
