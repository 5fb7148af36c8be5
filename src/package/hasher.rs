//! Hashing off the main thread, with flat memory.
//!
//! - `BufferPool`: a fixed number of read buffers; a buffer returns to the pool when its last user
//!   drops it, so the reader blocks (back-pressure) instead of allocating when the hasher lags.
//! - `Sha256Worker`: a thread that hashes the chunks it is sent, one digest per entry.
//! - `TrailingHasher`: a thread that hashes a file being written, reading it back behind the
//!   writer up to the last position the writer declared final (the package's own SHA-256, without
//!   holding the package in memory and without a second pass at the end).

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender, SyncSender};
use std::thread::JoinHandle;

use sha2::{Digest, Sha256};

use crate::util::hex::hex;

/// Size of one read buffer. 256 KiB chunks keep syscalls few; SHA-256 is fed in 64 KiB pieces.
pub const CHUNK: usize = 256 * 1024;
const SHA_PIECE: usize = 64 * 1024;

/// A buffer of the pool; goes back to the pool when dropped.
pub struct Chunk {
    data: Vec<u8>,
    len: usize,
    home: Sender<Vec<u8>>,
}

impl Chunk {
    pub fn bytes(&self) -> &[u8] {
        &self.data[..self.len]
    }
}

impl Drop for Chunk {
    fn drop(&mut self) {
        let _ = self.home.send(std::mem::take(&mut self.data));
    }
}

/// A fixed set of buffers.
pub struct BufferPool {
    free: Receiver<Vec<u8>>,
    home: Sender<Vec<u8>>,
}

impl BufferPool {
    pub fn new(buffers: usize) -> Self {
        let (home, free) = mpsc::channel();
        for _ in 0..buffers {
            let _ = home.send(vec![0u8; CHUNK]);
        }
        BufferPool { free, home }
    }

    /// Fill a buffer from `r` (as much as one read gives, up to CHUNK); `None` at end of input.
    pub fn read_from(&self, r: &mut impl Read) -> io::Result<Option<Arc<Chunk>>> {
        let mut data = self
            .free
            .recv()
            .map_err(|_| io::Error::other("buffer pool closed"))?;
        if data.len() < CHUNK {
            data.resize(CHUNK, 0);
        }
        let mut len = 0;
        // Fill the buffer fully when the source allows (fewer, larger messages).
        while len < CHUNK {
            match r.read(&mut data[len..]) {
                Ok(0) => break,
                Ok(n) => len += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    let _ = self.home.send(data);
                    return Err(e);
                }
            }
        }
        if len == 0 {
            let _ = self.home.send(data);
            return Ok(None);
        }
        Ok(Some(Arc::new(Chunk {
            data,
            len,
            home: self.home.clone(),
        })))
    }

    /// A buffer filled by `fill`, which returns how many bytes it wrote (0: nothing more).
    pub fn fill_with<E>(
        &self,
        fill: impl FnOnce(&mut [u8]) -> Result<usize, E>,
    ) -> Result<Option<Arc<Chunk>>, E>
    where
        E: From<io::Error>,
    {
        let mut data = self
            .free
            .recv()
            .map_err(|_| io::Error::other("buffer pool closed"))?;
        if data.len() < CHUNK {
            data.resize(CHUNK, 0);
        }
        match fill(&mut data) {
            Ok(0) => {
                let _ = self.home.send(data);
                Ok(None)
            }
            Ok(len) => Ok(Some(Arc::new(Chunk {
                data,
                len,
                home: self.home.clone(),
            }))),
            Err(e) => {
                let _ = self.home.send(data);
                Err(e)
            }
        }
    }
}

enum Msg {
    Data(Arc<Chunk>),
    Finish(Sender<[u8; 32]>),
}

/// A SHA-256 thread: send the chunks of an entry, then `finish` to get a receiver of its digest.
pub struct Sha256Worker {
    tx: Option<SyncSender<Msg>>,
    handle: Option<JoinHandle<()>>,
}

impl Default for Sha256Worker {
    fn default() -> Self {
        Self::new()
    }
}

impl Sha256Worker {
    pub fn new() -> Self {
        let (tx, rx) = mpsc::sync_channel::<Msg>(64);
        let handle = std::thread::spawn(move || {
            let mut h = Sha256::new();
            for msg in rx {
                match msg {
                    Msg::Data(c) => {
                        for piece in c.bytes().chunks(SHA_PIECE) {
                            h.update(piece);
                        }
                    }
                    Msg::Finish(reply) => {
                        let d = std::mem::take(&mut h).finalize();
                        let _ = reply.send(d.into());
                    }
                }
            }
        });
        Sha256Worker {
            tx: Some(tx),
            handle: Some(handle),
        }
    }

    pub fn send(&self, c: Arc<Chunk>) -> io::Result<()> {
        self.tx
            .as_ref()
            .and_then(|t| t.send(Msg::Data(c)).ok())
            .ok_or_else(|| io::Error::other("the hashing thread stopped"))
    }

    /// End the current entry; its digest arrives on the returned receiver.
    pub fn finish(&self) -> io::Result<Receiver<[u8; 32]>> {
        let (tx, rx) = mpsc::channel();
        self.tx
            .as_ref()
            .and_then(|t| t.send(Msg::Finish(tx)).ok())
            .ok_or_else(|| io::Error::other("the hashing thread stopped"))?;
        Ok(rx)
    }
}

impl Drop for Sha256Worker {
    fn drop(&mut self) {
        self.tx.take();
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

/// The digest of everything hashed, and how many bytes that was.
type Hashed = io::Result<([u8; 32], u64)>;

/// Hashes a file while it is being written, trailing the writer.
pub struct TrailingHasher {
    tx: Option<Sender<u64>>,
    handle: Option<JoinHandle<Hashed>>,
}

impl TrailingHasher {
    /// Start hashing `path` (opened read-only by the thread) from offset 0.
    pub fn start(path: &Path) -> io::Result<Self> {
        let mut file = File::open(path)?;
        let (tx, rx) = mpsc::channel::<u64>();
        let handle = std::thread::spawn(move || -> Hashed {
            let mut h = Sha256::new();
            let mut done = 0u64;
            let mut buf = vec![0u8; CHUNK];
            for frontier in rx {
                while done < frontier {
                    let want = ((frontier - done) as usize).min(buf.len());
                    let n = file.read(&mut buf[..want])?;
                    if n == 0 {
                        return Err(io::Error::other("the package shrank while it was hashed"));
                    }
                    for piece in buf[..n].chunks(SHA_PIECE) {
                        h.update(piece);
                    }
                    done += n as u64;
                }
            }
            Ok((h.finalize().into(), done))
        });
        Ok(TrailingHasher {
            tx: Some(tx),
            handle: Some(handle),
        })
    }

    /// Everything before `offset` is final (flushed to the file and never rewritten).
    pub fn advance(&self, offset: u64) {
        if let Some(t) = &self.tx {
            let _ = t.send(offset);
        }
    }

    /// Wait for the digest of everything declared final; returns it and the number of bytes.
    pub fn finish(mut self) -> Hashed {
        self.tx.take();
        match self.handle.take() {
            Some(h) => h
                .join()
                .map_err(|_| io::Error::other("the hashing thread panicked"))?,
            None => Err(io::Error::other("hasher already finished")),
        }
    }
}

impl Drop for TrailingHasher {
    fn drop(&mut self) {
        self.tx.take();
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn worker_matches_direct_hash() {
        let pool = BufferPool::new(2);
        let w = Sha256Worker::new();
        let data: Vec<u8> = (0..1_000_000u32).map(|i| (i % 251) as u8).collect();
        let mut src = &data[..];
        while let Some(c) = pool.read_from(&mut src).unwrap() {
            w.send(c).unwrap();
        }
        let d = w.finish().unwrap().recv().unwrap();
        assert_eq!(hex(&d), sha256_hex(&data));
        // A second entry starts fresh.
        let d2 = w.finish().unwrap().recv().unwrap();
        assert_eq!(hex(&d2), sha256_hex(b""));
    }
}
