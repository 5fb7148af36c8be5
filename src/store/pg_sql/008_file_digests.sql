-- 008: the SHA-256 of the files a check hashes (application.toml, material files), by what the
-- file system says of each without reading it (device, inode, size, modification and change
-- times, nanoseconds), as git's index keeps them: a check of unchanged files reads none of them.
-- `recorded_ns` is when the file was hashed (wall clock, nanoseconds since the epoch); whether a
-- row is trusted is the caller's decision. A cache: rows may be deleted at any time.
CREATE TABLE file_digests (
    dev          bigint NOT NULL,
    ino          bigint NOT NULL,
    size         bigint NOT NULL,
    mtime_ns     bigint NOT NULL,
    ctime_ns     bigint NOT NULL,
    sha256       text NOT NULL,             -- hex
    recorded_ns  bigint NOT NULL,
    PRIMARY KEY (dev, ino)
);
