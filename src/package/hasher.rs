//! Flat memory for reading materials, and hex digests.
//!
//! `BufferPool`: a fixed number of read buffers; a buffer returns to the pool when its last user
//! drops it, so the reader blocks (back-pressure) instead of allocating when the writer lags.

use std::io::{self, Read};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};

use sha2::{Digest, Sha256};

use crate::util::hex::hex;

/// Size of one read buffer. 256 KiB chunks keep syscalls few.
pub const CHUNK: usize = 256 * 1024;

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
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pool_fills_whole_buffers_and_takes_them_back() {
        let pool = BufferPool::new(2);
        let data: Vec<u8> = (0..1_000_000u32).map(|i| (i % 251) as u8).collect();
        let mut src = &data[..];
        let mut out = Vec::new();
        while let Some(c) = pool.read_from(&mut src).unwrap() {
            assert!(c.bytes().len() == CHUNK || out.len() + c.bytes().len() == data.len());
            out.extend_from_slice(c.bytes());
        }
        assert_eq!(out, data);
        assert_eq!(sha256_hex(b""), hex(&Sha256::digest(b"")));
    }
}
