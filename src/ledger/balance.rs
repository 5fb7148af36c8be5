//! Balances per certificate line and the rules that keep them sound: never negative, never more
//! received than certified, at every point of the business timeline.
//!
//! A final disposition (use, re-export, scrap, export) takes units from *issued* first, then from
//! *in stock*. A reversal cancels the entry it names as if it had never been recorded, so the
//! timeline of a line is its un-reversed movements ordered by (business date, number).

use chrono::NaiveDate;
use serde::Serialize;

use super::kind::Kind;

/// The running balance of one certificate line as the store keeps it: a cache of what its
/// entries add up to, sealed to the hash chain ([`SealedBalance`]), trusted by a write session
/// only while the seal holds and recomputed from the entries otherwise, and recomputed and
/// compared by `ledger verify`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StoredBalance {
    pub cert_no: String,
    pub line: i64,
    #[serde(flatten)]
    pub balance: Balance,
    /// The latest business date of a counted movement.
    pub last_date: Option<NaiveDate>,
    /// Counted (un-reversed) movements.
    pub entries: i64,
}

/// A `ledger_balances` row as stored, with its seal (`seal_seq`, `digest`; NULL in a row an
/// older version wrote and no session has rewritten since).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CachedBalance {
    pub stored: StoredBalance,
    /// The number of the ledger's last entry when the row was written.
    pub seal_seq: Option<i64>,
    pub digest: Option<Vec<u8>>,
}

impl CachedBalance {
    /// Whether the row's digest is the one [`SealedBalance`] computes for its values and entry
    /// `seal_seq`, whose stored chain hash is `seal_hash` (`None` when there is no such entry).
    /// The row is fresh besides when no entry on its line is numbered after `seal_seq`.
    pub fn seal_holds(&self, seal_hash: Option<&[u8; 32]>) -> bool {
        let (Some(seq), Some(hash), Some(digest)) = (self.seal_seq, seal_hash, &self.digest) else {
            return false;
        };
        digest[..] == super::chain::balance_digest(seq, hash, &self.stored)[..]
    }
}

/// A balance row to write, sealed to the ledger's last entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SealedBalance {
    pub stored: StoredBalance,
    /// The number of the ledger's last entry when the row is written.
    pub seal_seq: i64,
    pub digest: [u8; 32],
}

impl SealedBalance {
    /// Seal `stored` to entry `seal_seq`, whose stored chain hash is `seal_hash`.
    pub fn new(stored: StoredBalance, seal_seq: i64, seal_hash: &[u8; 32]) -> SealedBalance {
        let digest = super::chain::balance_digest(seal_seq, seal_hash, &stored);
        SealedBalance {
            stored,
            seal_seq,
            digest,
        }
    }
}

/// Where the units of one certificate line are.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Balance {
    /// Total inbound (入库).
    pub received: i64,
    pub in_stock: i64,
    pub issued: i64,
    pub used: i64,
    pub reexported: i64,
    pub scrapped: i64,
    pub exported: i64,
}

impl Balance {
    /// Received and not yet in a final disposition (in stock + issued).
    pub fn open(&self) -> i64 {
        self.in_stock + self.issued
    }

    /// In a final disposition.
    pub fn disposed(&self) -> i64 {
        self.used + self.reexported + self.scrapped + self.exported
    }

    /// Apply one movement, or say why it cannot happen (nothing changes then).
    pub fn apply(&mut self, kind: Kind, qty: i64, certified: i64) -> Result<(), Shortfall> {
        if qty <= 0 {
            return Err(Shortfall::NotPositive);
        }
        let mut b = *self;
        match kind {
            Kind::Inbound => {
                let received = b.received.checked_add(qty).filter(|r| *r <= certified);
                let Some(received) = received else {
                    return Err(Shortfall::OverCertified {
                        certified,
                        received: b.received,
                    });
                };
                b.received = received;
                b.in_stock += qty;
            }
            Kind::Issue => {
                if qty > b.in_stock {
                    return Err(Shortfall::Short {
                        available: b.in_stock,
                        from: Pool::Stock,
                    });
                }
                b.in_stock -= qty;
                b.issued += qty;
            }
            Kind::Return => {
                if qty > b.issued {
                    return Err(Shortfall::Short {
                        available: b.issued,
                        from: Pool::Issued,
                    });
                }
                b.issued -= qty;
                b.in_stock += qty;
            }
            Kind::Use | Kind::Reexport | Kind::Scrap | Kind::Export => {
                if qty > b.open() {
                    return Err(Shortfall::Short {
                        available: b.open(),
                        from: Pool::Both,
                    });
                }
                let from_issued = qty.min(b.issued);
                b.issued -= from_issued;
                b.in_stock -= qty - from_issued;
                match kind {
                    Kind::Use => b.used += qty,
                    Kind::Reexport => b.reexported += qty,
                    Kind::Scrap => b.scrapped += qty,
                    _ => b.exported += qty,
                }
            }
            Kind::Reversal | Kind::Certify | Kind::Close => return Ok(()),
        }
        *self = b;
        Ok(())
    }

    /// No field negative and no more received than certified.
    pub fn is_sound(&self, certified: i64) -> bool {
        let f = [
            self.received,
            self.in_stock,
            self.issued,
            self.used,
            self.reexported,
            self.scrapped,
            self.exported,
        ];
        f.iter().all(|v| *v >= 0)
            && self.received <= certified
            && self.received == self.open() + self.disposed()
    }
}

/// Which quantity a movement draws on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pool {
    Stock,
    Issued,
    /// In stock and issued together (a final disposition).
    Both,
}

/// Why a movement does not fit the balance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shortfall {
    /// L002: total inbound would exceed the certified quantity.
    OverCertified { certified: i64, received: i64 },
    /// L003: more than is in the pool it draws on.
    Short { available: i64, from: Pool },
    /// A quantity of zero or less.
    NotPositive,
}

impl Shortfall {
    pub fn code(&self) -> &'static str {
        match self {
            Shortfall::OverCertified { .. } => "L002",
            Shortfall::Short { .. } | Shortfall::NotPositive => "L003",
        }
    }
}

/// One counted movement of a line's timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimelineItem {
    pub date: NaiveDate,
    pub seq: i64,
    pub kind: Kind,
    pub qty: i64,
}

/// Where a timeline broke: the item's position and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Break {
    pub item: TimelineItem,
    pub balance_before: Balance,
    pub shortfall: Shortfall,
}

/// Run a line's timeline (sorted here by date, then number) from zero. Returns the final balance
/// or the first movement that does not fit.
pub fn simulate(items: &mut [TimelineItem], certified: i64) -> Result<Balance, Break> {
    items.sort_unstable_by_key(|i| (i.date, i.seq));
    let mut b = Balance::default();
    for it in items.iter() {
        let before = b;
        if let Err(s) = b.apply(it.kind, it.qty, certified) {
            return Err(Break {
                item: *it,
                balance_before: before,
                shortfall: s,
            });
        }
    }
    Ok(b)
}

/// Like `simulate`, but collect every movement that does not fit (skipping it) instead of
/// stopping at the first (for `ledger verify`).
pub fn simulate_all(items: &mut [TimelineItem], certified: i64) -> (Balance, Vec<Break>) {
    items.sort_unstable_by_key(|i| (i.date, i.seq));
    let mut b = Balance::default();
    let mut breaks = Vec::new();
    for it in items.iter() {
        let before = b;
        if let Err(s) = b.apply(it.kind, it.qty, certified) {
            breaks.push(Break {
                item: *it,
                balance_before: before,
                shortfall: s,
            });
        }
    }
    (b, breaks)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, day).unwrap()
    }

    fn it(day: u32, seq: i64, kind: Kind, qty: i64) -> TimelineItem {
        TimelineItem {
            date: d(day),
            seq,
            kind,
            qty,
        }
    }

    #[test]
    fn dispositions_take_issued_first() {
        let mut b = Balance::default();
        b.apply(Kind::Inbound, 5, 5).unwrap();
        b.apply(Kind::Issue, 2, 5).unwrap();
        b.apply(Kind::Scrap, 3, 5).unwrap();
        assert_eq!((b.in_stock, b.issued, b.scrapped), (2, 0, 3));
        assert!(b.is_sound(5));
        assert_eq!(
            b.apply(Kind::Inbound, 1, 5),
            Err(Shortfall::OverCertified {
                certified: 5,
                received: 5
            })
        );
        assert_eq!(
            b.apply(Kind::Inbound, i64::MAX, 5).unwrap_err().code(),
            "L002"
        );
        assert_eq!(b.apply(Kind::Return, 1, 5).unwrap_err().code(), "L003");
    }

    #[test]
    fn back_dated_entry_breaks_a_later_one() {
        let mut items = vec![it(1, 1, Kind::Inbound, 5), it(10, 2, Kind::Scrap, 5)];
        assert!(simulate(&mut items, 5).is_ok());
        items.push(it(5, 3, Kind::Issue, 3));
        // Issue 3 on the 5th is fine, and the scrap on the 10th takes 3 issued + 2 in stock.
        assert!(simulate(&mut items, 5).is_ok());
        items.push(it(6, 4, Kind::Reexport, 1));
        let br = simulate(&mut items, 5).unwrap_err();
        assert_eq!(br.item.seq, 2);
        let (b, breaks) = simulate_all(&mut items, 5);
        assert_eq!(breaks.len(), 1);
        assert_eq!(b.reexported, 1);
    }
}
