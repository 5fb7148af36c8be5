//! The clock seam. The core never reads the system clock: callers pass `Now`, which the CLI takes
//! from `CCC_EXEMPT_NOW` (RFC 3339) when it is set, else from the system clock it reads itself, so
//! deadlines and reports are reproducible.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};

use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Now(pub DateTime<FixedOffset>);

impl Now {
    /// `CCC_EXEMPT_NOW` when given (must be RFC 3339), else `system` (the system clock, read by
    /// the caller) in China time (UTC+8).
    pub fn from_env_value(value: Option<&str>, system: DateTime<Utc>) -> Result<Now> {
        match value {
            Some(v) if !v.trim().is_empty() => Now::parse(v),
            _ => {
                let china = FixedOffset::east_opt(8 * 3600).expect("valid offset");
                Ok(Now(system.with_timezone(&china)))
            }
        }
    }

    /// A fixed instant given as RFC 3339 (`CCC_EXEMPT_NOW`, tests, reports as of a date).
    pub fn parse(value: &str) -> Result<Now> {
        DateTime::parse_from_rfc3339(value.trim())
            .map(Now)
            .map_err(|e| {
                Error::Input(format!(
                    "CCC_EXEMPT_NOW={value:?} is not an RFC 3339 timestamp ({e}); use e.g. 2026-11-27T09:00:00+08:00"
                ))
            })
    }

    pub fn date(&self) -> NaiveDate {
        self.0.date_naive()
    }

    pub fn rfc3339(&self) -> String {
        self.0.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
    }
}
