-- 007: what the examination of a material file found (seals, legibility, text), by the file's
-- content hash and the examiner's key (its version and engines): a second check of an unchanged
-- file examines nothing. A cache: rows may be deleted at any time.
CREATE TABLE content_cache (
    sha256       text NOT NULL,
    examiner     text NOT NULL,
    examination  text NOT NULL,             -- JSON (content::Examination)
    PRIMARY KEY (sha256, examiner)
);
