//! The one error type of the core. Every error knows its kind, and the kind knows the exit code
//! (SPEC section 4). Messages say what is wrong and, where possible, how to fix it.

use std::path::PathBuf;

use crate::model::codes::Code;
use crate::model::diagnostic::{Diagnostic, Location};

fn format_problems(problems: &[Diagnostic]) -> String {
    problems
        .iter()
        .map(Diagnostic::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

/// What kind of failure, which decides the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The answer is no: a ledger movement refused by a rule, a package that fails verification.
    Refused,
    /// Usage or input error: bad flags, malformed TOML/CSV, a named file that does not exist.
    Input,
    /// Workspace or storage error: no workspace, locked or corrupt database, disk full.
    Storage,
}

impl ErrorKind {
    pub fn exit_code(self) -> i32 {
        match self {
            ErrorKind::Refused => 1,
            ErrorKind::Input => 2,
            ErrorKind::Storage => 3,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A malformed input file, with the position of the problem.
    #[error("{path}:{line}:{column}: {message}")]
    Parse {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    /// A well-formed file with structural problems (unknown keys, wrong types), all of them,
    /// each a diagnostic (T001, T002, T003) at its line and column.
    #[error("{}", format_problems(problems))]
    Invalid {
        path: PathBuf,
        problems: Vec<Diagnostic>,
    },
    /// Bad input that is not tied to a position in a file.
    #[error("{0}")]
    Input(String),
    /// No workspace could be found or opened.
    #[error("{0}")]
    Workspace(String),
    /// The database failed or refused.
    #[error("{0}")]
    Storage(String),
    /// A rule refused the operation (ledger L-codes, status changes).
    #[error("{code}: {message}")]
    Refused { code: Code, message: String },
    /// An I/O error on a named file.
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
        /// Whether this is the user's input (exit 2) or the workspace's storage (exit 3).
        storage: bool,
    },
}

impl Error {
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Parse { .. } | Error::Invalid { .. } | Error::Input(_) => ErrorKind::Input,
            Error::Workspace(_) | Error::Storage(_) => ErrorKind::Storage,
            Error::Refused { .. } => ErrorKind::Refused,
            Error::Io { storage, .. } => {
                if *storage {
                    ErrorKind::Storage
                } else {
                    ErrorKind::Input
                }
            }
        }
    }

    pub fn exit_code(&self) -> i32 {
        self.kind().exit_code()
    }

    /// An I/O error reading something the user named (exit 2).
    pub fn input_io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
            storage: false,
        }
    }

    /// An I/O error on the workspace's own storage (exit 3).
    pub fn storage_io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
            storage: true,
        }
    }

    /// A refusal with its code.
    pub fn refused(code: Code, message: impl Into<String>) -> Self {
        Error::Refused {
            code,
            message: message.into(),
        }
    }

    /// This error as diagnostics of a report about the input file `file` (T001 for an
    /// application.toml that cannot be checked): the problems of an invalid file as they are, a
    /// parse error at its position, anything else at the file without a position.
    pub fn to_diagnostics(&self, code: Code, file: &str) -> Vec<Diagnostic> {
        match self {
            Error::Invalid { problems, .. } => problems
                .iter()
                .map(|p| {
                    let mut p = p.clone();
                    p.location.rename_file(file);
                    p
                })
                .collect(),
            Error::Parse {
                line,
                column,
                message,
                ..
            } => vec![
                Diagnostic::new(code, message.clone())
                    .at(Location::file(file, *line, *column, None)),
            ],
            Error::Io { source, .. } => {
                vec![
                    Diagnostic::new(code, source.to_string()).at(Location::File {
                        file: file.to_string(),
                        line: None,
                        column: None,
                        key: None,
                    }),
                ]
            }
            other => vec![Diagnostic::new(code, other.to_string()).at(Location::File {
                file: file.to_string(),
                line: None,
                column: None,
                key: None,
            })],
        }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode;
        if let rusqlite::Error::SqliteFailure(f, _) = &e {
            match f.code {
                ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => {
                    return Error::Storage(format!(
                        "the workspace database is locked by another process past the timeout ({e}); try again"
                    ));
                }
                ErrorCode::DiskFull => {
                    return Error::Storage(format!(
                        "the disk is full ({e}); free some space and try again"
                    ));
                }
                ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt => {
                    return Error::Storage(format!(
                        "the workspace database is corrupt ({e}); restore it from a backup (`ccc-exempt backup`)"
                    ));
                }
                _ => {}
            }
        }
        Error::Storage(format!("database error: {e}"))
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
