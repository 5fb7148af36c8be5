//! The hash chain: the canonical encoding of an entry and of a certificate, and the chained hash.
//!
//! `hash(n) = SHA-256(hash(n-1) || canonical(entry n))`, `hash(0)` = 32 zero bytes. The encoding
//! is documented byte by byte in `docs/ledger.md`; changing it is a new version of the tag.

use sha2::{Digest, Sha256};

use super::entry::{Certificate, Entry, Evidence};

/// The domain tag that starts every canonical entry.
pub const ENTRY_TAG: &[u8] = b"CCCX-LEDGER-ENTRY-1";
/// The domain tag that starts every canonical certificate.
pub const CERT_TAG: &[u8] = b"CCCX-CERTIFICATE-1";
/// The domain tag that starts the digest of a balance row.
pub const BALANCE_TAG: &[u8] = b"CCCX-BALANCE-1";

/// The hash before the first entry.
pub const GENESIS: [u8; 32] = [0; 32];

fn put_str(buf: &mut Vec<u8>, s: &str) {
    buf.extend_from_slice(&(s.len() as u32).to_be_bytes());
    buf.extend_from_slice(s.as_bytes());
}

fn put_opt(buf: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => put_str(buf, s),
        None => buf.extend_from_slice(&u32::MAX.to_be_bytes()),
    }
}

fn put_i64(buf: &mut Vec<u8>, v: i64) {
    buf.extend_from_slice(&v.to_be_bytes());
}

fn put_date(buf: &mut Vec<u8>, d: chrono::NaiveDate) {
    // Always `YYYY-MM-DD`, 10 bytes.
    buf.extend_from_slice(&10u32.to_be_bytes());
    buf.extend_from_slice(&super::date::ymd_bytes(d));
}

/// The canonical bytes of an entry (without its own hash). `payload` is the canonical
/// certificate for a `certify` entry and empty otherwise.
pub fn canonical_entry(buf: &mut Vec<u8>, e: &Entry, payload: &[u8]) {
    buf.clear();
    buf.extend_from_slice(ENTRY_TAG);
    put_i64(buf, e.seq);
    put_str(buf, &e.cert_no);
    put_i64(buf, e.line);
    put_str(buf, e.kind.as_str());
    put_i64(buf, e.qty);
    put_date(buf, e.date);
    put_str(buf, &e.recorded_at);
    put_opt(buf, e.doc_no.as_deref());
    put_opt(buf, e.location.as_deref());
    put_opt(buf, e.operator.as_deref());
    put_opt(buf, e.note.as_deref());
    put_opt(buf, e.idem_key.as_deref());
    match e.reverses {
        Some(s) => {
            buf.push(1);
            put_i64(buf, s);
        }
        None => buf.push(0),
    }
    put_evidence(buf, &e.evidence);
    buf.extend_from_slice(&(payload.len() as u32).to_be_bytes());
    buf.extend_from_slice(payload);
}

/// `u32(count)`, then per file `str(kind) str(name) sha256 i64(size)`: the evidence part of the
/// canonical entry, and also how an entry's evidence is stored (column `evidence`).
pub fn put_evidence(buf: &mut Vec<u8>, evidence: &[Evidence]) {
    buf.extend_from_slice(&(evidence.len() as u32).to_be_bytes());
    for ev in evidence {
        put_str(buf, &ev.kind);
        put_str(buf, &ev.name);
        buf.extend_from_slice(&ev.sha256);
        put_i64(buf, ev.size as i64);
    }
}

/// Read what `put_evidence` wrote into `out` (reusing its buffers); `None` when malformed.
pub fn read_evidence(bytes: &[u8], out: &mut Vec<Evidence>) -> Option<()> {
    fn take<'b>(b: &mut &'b [u8], n: usize) -> Option<&'b [u8]> {
        if b.len() < n {
            return None;
        }
        let (h, t) = b.split_at(n);
        *b = t;
        Some(h)
    }
    fn u32_(b: &mut &[u8]) -> Option<usize> {
        Some(u32::from_be_bytes(take(b, 4)?.try_into().ok()?) as usize)
    }
    fn str_into(b: &mut &[u8], dst: &mut String) -> Option<()> {
        let n = u32_(b)?;
        dst.clear();
        dst.push_str(std::str::from_utf8(take(b, n)?).ok()?);
        Some(())
    }
    let mut b = bytes;
    let n = u32_(&mut b)?;
    if n > bytes.len() {
        return None;
    }
    out.truncate(n);
    for i in 0..n {
        if out.len() <= i {
            out.push(Evidence {
                kind: String::new(),
                name: String::new(),
                sha256: [0; 32],
                size: 0,
            });
        }
        let ev = &mut out[i];
        str_into(&mut b, &mut ev.kind)?;
        str_into(&mut b, &mut ev.name)?;
        ev.sha256 = take(&mut b, 32)?.try_into().ok()?;
        ev.size = i64::from_be_bytes(take(&mut b, 8)?.try_into().ok()?).max(0) as u64;
    }
    b.is_empty().then_some(())
}

/// The canonical bytes of a certificate: what its `certify` entry carries as payload.
pub fn canonical_certificate(c: &Certificate) -> Vec<u8> {
    let mut buf = Vec::with_capacity(256);
    buf.extend_from_slice(CERT_TAG);
    put_str(&mut buf, &c.cert_no);
    put_str(&mut buf, &c.application_id);
    put_str(&mut buf, &c.condition);
    put_date(&mut buf, c.issued_on);
    put_str(&mut buf, &c.approved_at);
    buf.extend_from_slice(&c.application_sha256);
    put_opt(&mut buf, c.package_sha256.as_deref());
    let date = |d: Option<chrono::NaiveDate>| d.map(super::date::ymd);
    put_opt(&mut buf, date(c.export_due).as_deref());
    put_opt(&mut buf, date(c.exhibition_end).as_deref());
    buf.extend_from_slice(&(c.lines.len() as u32).to_be_bytes());
    for l in &c.lines {
        put_i64(&mut buf, l.line);
        put_str(&mut buf, &l.name);
        put_str(&mut buf, &l.model);
        put_str(&mut buf, &l.unit);
        put_i64(&mut buf, l.applied);
        put_i64(&mut buf, l.certified);
    }
    buf.extend_from_slice(&(c.files.len() as u32).to_be_bytes());
    for f in &c.files {
        put_str(&mut buf, &f.path);
        buf.extend_from_slice(&f.sha256);
        put_i64(&mut buf, f.size as i64);
    }
    buf
}

/// The digest that seals a `ledger_balances` row to the chain (`docs/ledger.md`, "The balance
/// cache"): SHA-256 over the tag, the number and stored hash of the ledger's last entry when the
/// row was written, the certificate, the line, every balance field, the latest business date and
/// the number of counted movements.
pub fn balance_digest(
    seal_seq: i64,
    seal_hash: &[u8; 32],
    b: &super::balance::StoredBalance,
) -> [u8; 32] {
    let mut buf = Vec::with_capacity(160);
    buf.extend_from_slice(BALANCE_TAG);
    put_i64(&mut buf, seal_seq);
    buf.extend_from_slice(seal_hash);
    put_str(&mut buf, &b.cert_no);
    put_i64(&mut buf, b.line);
    let x = &b.balance;
    for v in [
        x.received,
        x.in_stock,
        x.issued,
        x.used,
        x.reexported,
        x.scrapped,
        x.exported,
    ] {
        put_i64(&mut buf, v);
    }
    match b.last_date {
        Some(d) => put_date(&mut buf, d),
        None => buf.extend_from_slice(&u32::MAX.to_be_bytes()),
    }
    put_i64(&mut buf, b.entries);
    sha256(&buf)
}

/// `SHA-256(prev || canonical)`.
pub fn chain_hash(prev: &[u8; 32], canonical: &[u8]) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(prev);
    h.update(canonical);
    h.finalize().into()
}

/// SHA-256 of bytes.
pub fn sha256(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::util::hex::{hex, parse_hex32};

    #[test]
    fn evidence_round_trip() {
        let ev = vec![
            Evidence {
                kind: "photo-or-video".into(),
                name: "照片.png".into(),
                sha256: sha256(b"x"),
                size: 7,
            },
            Evidence {
                kind: "attachment".into(),
                name: "a.pdf".into(),
                sha256: sha256(b"y"),
                size: 0,
            },
        ];
        let mut buf = Vec::new();
        put_evidence(&mut buf, &ev);
        let mut out = Vec::new();
        assert_eq!(read_evidence(&buf, &mut out), Some(()));
        assert_eq!(out, ev);
        assert_eq!(read_evidence(&buf[..buf.len() - 1], &mut out), None);
        let mut empty = Vec::new();
        put_evidence(&mut empty, &[]);
        assert_eq!(read_evidence(&empty, &mut out), Some(()));
        assert!(out.is_empty());
    }

    #[test]
    fn hex_round_trip() {
        let h = sha256(b"abc");
        assert_eq!(
            hex(&h),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(parse_hex32(&hex(&h)), Some(h));
        assert_eq!(parse_hex32("zz"), None);
    }
}
