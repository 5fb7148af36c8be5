-- 008: the SHA-256 of the files a check hashes (application.toml, material files), by what the
-- file system says of each without reading it (device, inode, size, modification and change
-- times, nanoseconds), as git's index keeps them: a check of unchanged files reads none of them.
-- `recorded_ns` is when the file was hashed (wall clock, nanoseconds since the epoch); whether a
-- row is trusted is the caller's decision. A cache: rows may be deleted at any time.
CREATE TABLE file_digests (
    dev          INTEGER NOT NULL,
    ino          INTEGER NOT NULL,
    size         INTEGER NOT NULL,
    mtime_ns     INTEGER NOT NULL,
    ctime_ns     INTEGER NOT NULL,
    sha256       TEXT NOT NULL,             -- hex
    recorded_ns  INTEGER NOT NULL,
    PRIMARY KEY (dev, ino)
);
