-- 001: the workspace core: identity, applications, their status history and check results.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE applications (
    id         TEXT PRIMARY KEY,
    condition  TEXT,
    status     TEXT NOT NULL DEFAULT 'draft'
               CHECK (status IN ('draft','checked','packaged','submitted','approved','rejected','written-off')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- Every status change, with its reason (rejections, approvals).
CREATE TABLE status_events (
    id             INTEGER PRIMARY KEY,
    application_id TEXT NOT NULL REFERENCES applications(id),
    from_status    TEXT,
    to_status      TEXT NOT NULL,
    at             TEXT NOT NULL,
    note           TEXT
);

-- The result of each `check` of an application.
CREATE TABLE checks (
    id             INTEGER PRIMARY KEY,
    application_id TEXT NOT NULL REFERENCES applications(id),
    checked_at     TEXT NOT NULL,
    file_sha256    TEXT NOT NULL,
    errors         INTEGER NOT NULL,
    warnings       INTEGER NOT NULL,
    infos          INTEGER NOT NULL,
    total_quantity INTEGER NOT NULL,
    codes          TEXT NOT NULL   -- space-separated finding codes
);
CREATE INDEX checks_by_app ON checks(application_id, id);
