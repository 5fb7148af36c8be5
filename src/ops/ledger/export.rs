//! `ledger export -o FILE.xlsx|.csv|.json`: the 《CCC 免办进口产品管理台账》 for inspectors. The
//! book is loaded here from the store and rendered by `crate::ledger::book`; the destination
//! passes the one output guard ([`crate::ops::output`]) before it is written, atomically.

use crate::model::codes::Code;
use std::path::PathBuf;

use crate::error::{Error, Result};
use crate::ledger::book::{self, Book, Format};
use crate::ledger::entry::Certificate;
use crate::ops::output;
use crate::store::Store;
use crate::store::ledger::EntryFilter;
use crate::util::files::write_atomic;
use crate::workspace::Workspace;
use crate::{Lang, Now};

/// What to export, and where.
#[derive(Debug, Clone)]
pub struct Options {
    /// The file to write (absolute, or relative to where the caller stands, resolved by it).
    pub output: PathBuf,
    pub format: Format,
    /// Only this certificate.
    pub cert_no: Option<String>,
}

/// What was written.
#[derive(Debug, Clone)]
pub struct Report {
    /// The path really written (see [`output::Destination::path`]).
    pub file: PathBuf,
    pub certificates: usize,
    pub entries: usize,
    pub bytes: usize,
}

/// `ledger export` of the workspace's ledger.
pub fn run(ws: &Workspace, opts: Options, _now: Now, lang: Lang) -> Result<Report> {
    let store = ws.store_read()?;
    let b = load(
        &store,
        opts.cert_no.as_deref(),
        ws.config.applicant.name.clone(),
        Some(&ws.evidence_dir()),
    )?;
    let bytes = book::render(&b, opts.format)?;
    let out = output::destination(Some(ws), &opts.output, &[], lang)?.path;
    write_atomic(&out, &bytes).map_err(|e| Error::storage_io(&out, e))?;
    Ok(Report {
        file: out,
        certificates: b.certificates.len(),
        entries: b.certificates.iter().map(|c| c.rows.len()).sum(),
        bytes: bytes.len(),
    })
}

/// Load the 台账 (all certificates, or one: L001 when unknown).
/// Each entry's evidence is linked to the name `ledger usage-record --export` gives its file,
/// with the extension of its content when `evidence_dir` is given (else of the name given).
pub fn load(
    store: &Store,
    cert: Option<&str>,
    applicant: Option<String>,
    evidence_dir: Option<&std::path::Path>,
) -> Result<Book> {
    let certs: Vec<Certificate> = match cert {
        Some(c) => store.certificate(c)?.into_iter().collect(),
        None => store.certificates()?,
    };
    if let Some(c) = cert
        && certs.is_empty()
    {
        return Err(Error::refused(
            Code::L001,
            format!(
                "unknown certificate {c:?}; `ccc-exempt ledger balance` lists the certificates"
            ),
        ));
    }
    // The entries and balances name the number a certificate was recorded under.
    let registered = cert.and_then(|_| certs.first().map(|c| c.cert_no.clone()));
    let entries = store.entries(&EntryFilter {
        cert_no: registered.clone(),
        ..Default::default()
    })?;
    let balances = store.balances(registered.as_deref())?;
    let ext = |h: &[u8; 32]| evidence_dir.and_then(|d| super::usage::stored_extension(d, h));
    Ok(book::assemble(certs, &entries, &balances, applicant, ext))
}
