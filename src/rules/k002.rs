//! K002 in one place (guide, 线上办理流程 8: 批次较多，累计数量较大): the certificates issued in the
//! 12 months up to the date in question and their certified units. Drafts, checks and rejected
//! applications never count. `check` (with the application being checked as a pending batch) and
//! `status` both call [`assess`], so they agree.

use chrono::{Months, NaiveDate};

use super::thresholds::Thresholds;
use crate::Lang;

/// One issued certificate: a batch in K002's sense.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Batch {
    pub application_id: String,
    pub issued_on: NaiveDate,
    /// Certified units (all lines).
    pub units: i64,
}

/// What K002 found: the batches and units in the window, against the thresholds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct K002 {
    pub batches: i64,
    pub units: i64,
    /// The window: issued after `from`, up to and including `to`.
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub threshold_batches: i64,
    pub threshold_units: i64,
}

/// K002 as of `date`: the certificates issued in the 12 months up to `date`, plus `pending`
/// (application ID and units of the application being checked) when it has no certificate in the
/// window yet. `None` when below either threshold (or K002 is switched off with
/// `k002_batches = 0`).
pub fn assess(
    issued: &[Batch],
    date: NaiveDate,
    pending: Option<(&str, i64)>,
    th: &Thresholds,
) -> Option<K002> {
    if th.k002_batches <= 0 {
        return None;
    }
    let from = date.checked_sub_months(Months::new(12)).unwrap_or(date);
    let window: Vec<&Batch> = issued
        .iter()
        .filter(|b| b.issued_on > from && b.issued_on <= date)
        .collect();
    let mut batches = window.len() as i64;
    let mut units: i64 = window.iter().map(|b| b.units).sum();
    if let Some((id, n)) = pending
        && !window.iter().any(|b| b.application_id == id)
    {
        batches += 1;
        units += n;
    }
    (batches >= th.k002_batches && units >= th.k002_quantity).then_some(K002 {
        batches,
        units,
        from,
        to: date,
        threshold_batches: th.k002_batches,
        threshold_units: th.k002_quantity,
    })
}

impl K002 {
    pub fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::Zh => format!(
                "12个月内（{} 之后至 {}）{} 批免办进口、累计 {} 件（阈值 {} 批、{} 件，经验值，见 [thresholds]）：重点检查对象",
                self.from,
                self.to,
                self.batches,
                self.units,
                self.threshold_batches,
                self.threshold_units
            ),
            Lang::En => format!(
                "{} batches with {} units certified in the 12 months after {} up to {} (heuristic thresholds {} batches, {} units in [thresholds]): a key inspection target",
                self.batches,
                self.units,
                self.from,
                self.to,
                self.threshold_batches,
                self.threshold_units
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn batch(id: &str, issued: &str, units: i64) -> Batch {
        Batch {
            application_id: id.into(),
            issued_on: d(issued),
            units,
        }
    }

    #[test]
    fn counts_certificates_in_the_window_only() {
        let th = Thresholds::default(); // 5 batches, 500 units
        let issued: Vec<Batch> = (1..=5)
            .map(|i| batch(&format!("a{i}"), &format!("2026-0{i}-10"), 120))
            .collect();
        let k = assess(&issued, d("2026-11-27"), None, &th).unwrap();
        assert_eq!((k.batches, k.units), (5, 600));
        // A year and a day later the oldest has left the window.
        assert_eq!(assess(&issued, d("2027-01-11"), None, &th), None);
        // A certificate issued after the date in question does not count.
        assert_eq!(assess(&issued, d("2026-05-09"), None, &th), None);
    }

    #[test]
    fn the_pending_application_counts_once() {
        let th = Thresholds::default();
        let issued: Vec<Batch> = (1..=4)
            .map(|i| batch(&format!("a{i}"), "2026-06-01", 125))
            .collect();
        let k = assess(&issued, d("2026-11-27"), Some(("new", 10)), &th).unwrap();
        assert_eq!((k.batches, k.units), (5, 510));
        // Re-checking an application that already has a certificate does not count it twice.
        assert_eq!(
            assess(&issued, d("2026-11-27"), Some(("a1", 10)), &th),
            None
        );
        // Without certificates, checks alone never raise K002.
        assert_eq!(
            assess(&[], d("2026-11-27"), Some(("new", 10_000)), &th),
            None
        );
    }

    #[test]
    fn zero_batches_switches_it_off() {
        let th = Thresholds {
            k002_batches: 0,
            k002_quantity: 0,
            ..Thresholds::default()
        };
        let issued = vec![batch("a", "2026-06-01", 1)];
        assert_eq!(assess(&issued, d("2026-11-27"), None, &th), None);
    }
}
