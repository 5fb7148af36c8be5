//! The usage ledger (台账): certificates, movements and their rules, the hash chain, balances and
//! deadlines. Pure: no store, no workspace; the files it reads are the ones it is handed (an
//! import file, evidence to hash, an application's files to freeze, the evidence directory to
//! verify).
//!
//! Per certificate line, units move between *in stock*, *issued* and a final disposition (SPEC
//! section 7). A movement meets the same rules ([`movement`], [`rules`], [`balance`]) whether it
//! comes from `ledger add` or `ledger import`; the rulebook (`data/rulebook.toml`) says which
//! dispositions each condition allows and which evidence each movement needs. Entries are
//! append-only, numbered without gaps and hash-chained ([`chain`], documented byte by byte in
//! `docs/ledger.md`); [`verify`] recomputes everything from what it is given.
//!
//! The use cases that read and write the ledger (add, import, reverse, close, approve, verify,
//! export, usage-record) are in `crate::ops::ledger`; `crate::store::ledger` executes the SQL.
//! Nothing here prints, prompts or reads the clock: the caller passes `Now` and the language.

pub mod approve;
pub mod balance;
pub mod book;
pub mod chain;
pub mod date;
pub mod deadlines;
pub mod entry;
pub mod evidence;
pub mod import;
pub mod import_xlsx;
pub mod kind;
pub mod movement;
pub mod revision;
pub mod rules;
pub mod usage;
pub mod verify;

pub use balance::{Balance, StoredBalance};
pub use entry::{CertLine, Certificate, Entry, Evidence, FrozenFile};
pub use kind::Kind;
pub use movement::{Movement, Outcome};

/// The message in the caller's language, owned.
pub(crate) fn pick(lang: crate::Lang, zh: &str, en: &str) -> String {
    lang.pick(zh, en).to_string()
}
