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
            Kind::Reversal | Kind::Certify | Kind::Close | Kind::Amend | Kind::Void => {
                return Ok(());
            }
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

/// A line's timeline kept sorted by (business date, number) in a tree that answers, after each
/// insertion, whether every movement still fits and which is the first that does not: the same
/// answer as [`simulate`] over all the items, in O(log n) instead of O(n log n) per insertion
/// (an import of n back-dated rows is O(n log n), not O(n²)).
///
/// How: the state of a line is (received R, open O = in stock + issued, issued I); a run of
/// movements maps it as `R + r`, `O + o` and `I ↦ max(I + a, b)` (a final disposition takes
/// issued first: `max(I − q, 0)`), and each movement's condition (R ≤ certified, in stock ≥ an
/// issue, issued ≥ a return, open ≥ a disposition) becomes, for a whole run, a bound on the
/// state before it: R ≤ certified − r, I ≥ t, I − O ≤ u, O ≥ v. Such [`Effect`]s compose, so
/// every node of a treap keyed by (date, number) keeps the effect of its subtree; the root's,
/// applied to the empty balance, says whether the timeline fits, and a walk down from the root
/// finds the first movement that does not.
pub struct Timeline {
    certified: i64,
    nodes: Vec<Node>,
    root: u32,
    rng: u64,
}

const NIL: u32 = u32::MAX;
/// Bounds that hold whatever the state ("no condition"): far beyond any sum of i64 quantities,
/// and far enough from i128's ends that composing them never overflows.
const NEG: i128 = -(1 << 100);
const POS: i128 = 1 << 100;

struct Node {
    item: TimelineItem,
    prio: u64,
    left: u32,
    right: u32,
    /// The effect of the subtree (left, item, right).
    all: Effect,
}

/// What a run of movements does to the state of a line, and what it needs of the state before
/// it (see [`Timeline`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Effect {
    received: i128,
    open: i128,
    /// Issued after the run: `max(issued + a, b)`.
    a: i128,
    b: i128,
    /// Needs issued ≥ t, issued − open ≤ u, open ≥ v before the run.
    t: i128,
    u: i128,
    v: i128,
    /// A quantity of zero or less in the run (always a break).
    nonpos: bool,
    /// Final dispositions, wrapping: only ever read for a run that fits, where they are at most
    /// the quantity received, so exact.
    used: i64,
    reexported: i64,
    scrapped: i64,
    exported: i64,
}

impl Effect {
    const NONE: Effect = Effect {
        received: 0,
        open: 0,
        a: 0,
        b: NEG,
        t: NEG,
        u: POS,
        v: NEG,
        nonpos: false,
        used: 0,
        reexported: 0,
        scrapped: 0,
        exported: 0,
    };

    fn of(it: &TimelineItem) -> Effect {
        let q = i128::from(it.qty);
        let q64 = it.qty;
        let mut e = Effect::NONE;
        if it.qty <= 0 {
            e.nonpos = true;
            return e;
        }
        match it.kind {
            Kind::Inbound => {
                e.received = q;
                e.open = q;
            }
            Kind::Issue => {
                e.a = q;
                e.u = -q;
            }
            Kind::Return => {
                e.a = -q;
                e.t = q;
            }
            Kind::Use | Kind::Reexport | Kind::Scrap | Kind::Export => {
                e.open = -q;
                e.a = -q;
                e.b = 0;
                e.v = q;
                match it.kind {
                    Kind::Use => e.used = q64,
                    Kind::Reexport => e.reexported = q64,
                    Kind::Scrap => e.scrapped = q64,
                    _ => e.exported = q64,
                }
            }
            Kind::Reversal | Kind::Certify | Kind::Close | Kind::Amend | Kind::Void => {}
        }
        e
    }

    /// `self`, then `n`.
    fn then(&self, n: &Effect) -> Effect {
        Effect {
            received: self.received + n.received,
            open: self.open + n.open,
            a: self.a + n.a,
            b: (self.b + n.a).max(n.b),
            t: self.t.max(if self.b >= n.t { NEG } else { n.t - self.a }),
            u: self.u.min(n.u + self.open - self.a),
            v: self.v.max(self.b - self.open - n.u).max(n.v - self.open),
            nonpos: self.nonpos || n.nonpos,
            used: self.used.wrapping_add(n.used),
            reexported: self.reexported.wrapping_add(n.reexported),
            scrapped: self.scrapped.wrapping_add(n.scrapped),
            exported: self.exported.wrapping_add(n.exported),
        }
    }

    /// Whether some movement of the run does not fit after `s`.
    fn breaks(&self, s: &State, certified: i64) -> bool {
        self.nonpos
            || s.received + self.received > i128::from(certified)
            || s.issued < self.t
            || s.issued - s.open > self.u
            || s.open < self.v
    }
}

/// The state of a line between movements.
#[derive(Debug, Clone, Copy, Default)]
struct State {
    received: i128,
    open: i128,
    issued: i128,
    used: i64,
    reexported: i64,
    scrapped: i64,
    exported: i64,
}

impl State {
    fn after(&self, e: &Effect) -> State {
        State {
            received: self.received + e.received,
            open: self.open + e.open,
            issued: (self.issued + e.a).max(e.b),
            used: self.used.wrapping_add(e.used),
            reexported: self.reexported.wrapping_add(e.reexported),
            scrapped: self.scrapped.wrapping_add(e.scrapped),
            exported: self.exported.wrapping_add(e.exported),
        }
    }

    fn balance(&self) -> Balance {
        // Every value is a sum of i64 quantities along a timeline that fits: back in range.
        let n = |v: i128| v as i64;
        Balance {
            received: n(self.received),
            in_stock: n(self.open - self.issued),
            issued: n(self.issued),
            used: self.used,
            reexported: self.reexported,
            scrapped: self.scrapped,
            exported: self.exported,
        }
    }
}

impl Timeline {
    /// The timeline of `items` (in any order) on a line certified `certified`.
    pub fn new(mut items: Vec<TimelineItem>, certified: i64) -> Timeline {
        items.sort_unstable_by_key(|i| (i.date, i.seq));
        let mut t = Timeline {
            certified,
            nodes: Vec::with_capacity(items.len()),
            root: NIL,
            rng: 0x2545_f491_4f6c_dd1d,
        };
        // A treap from sorted items: the rightmost path on a stack (a Cartesian tree).
        let mut stack: Vec<u32> = Vec::new();
        for it in items {
            let n = t.node(it);
            let mut last = NIL;
            while let Some(&top) = stack.last() {
                if t.nodes[top as usize].prio >= t.nodes[n as usize].prio {
                    break;
                }
                last = top;
                stack.pop();
            }
            t.nodes[n as usize].left = last;
            if let Some(&top) = stack.last() {
                t.nodes[top as usize].right = n;
            }
            stack.push(n);
        }
        t.root = stack.first().copied().unwrap_or(NIL);
        t.refresh_all(t.root);
        t
    }

    /// The number of movements.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// The balance after every movement, when they all fit.
    pub fn balance(&self) -> Result<Balance, Break> {
        match self.first_break() {
            Some(br) => Err(br),
            None => Ok(self.end_state().balance()),
        }
    }

    /// Add a movement where its date puts it, if the timeline still fits with it: the balance
    /// after every movement; otherwise the first movement that no longer fits (maybe this one)
    /// and the timeline unchanged. `seq` must be higher than every number already in.
    pub fn insert(&mut self, item: TimelineItem) -> Result<Balance, Break> {
        self.append(item);
        match self.first_break() {
            None => Ok(self.end_state().balance()),
            Some(br) => {
                self.remove_last(item);
                Err(br)
            }
        }
    }

    /// Add a movement without checking (it was checked against the balance at the end).
    pub fn append(&mut self, item: TimelineItem) {
        let n = self.node(item);
        self.root = self.insert_at(self.root, n);
    }

    /// Put node `n` into the subtree `t` where its key goes (rotating it up while its priority
    /// is the higher); returns the subtree's root.
    fn insert_at(&mut self, t: u32, n: u32) -> u32 {
        if t == NIL {
            return n;
        }
        let (tl, tr) = (self.nodes[t as usize].left, self.nodes[t as usize].right);
        if self.key(n) < self.key(t) {
            let l = self.insert_at(tl, n);
            if self.nodes[l as usize].prio > self.nodes[t as usize].prio {
                // Rotate right: `l` takes `t`'s place.
                self.nodes[t as usize].left = self.nodes[l as usize].right;
                self.refresh(t);
                self.nodes[l as usize].right = t;
                self.refresh(l);
                return l;
            }
            self.nodes[t as usize].left = l;
        } else {
            let r = self.insert_at(tr, n);
            if self.nodes[r as usize].prio > self.nodes[t as usize].prio {
                self.nodes[t as usize].right = self.nodes[r as usize].left;
                self.refresh(t);
                self.nodes[r as usize].left = t;
                self.refresh(r);
                return r;
            }
            self.nodes[t as usize].right = r;
        }
        self.refresh(t);
        t
    }

    /// Take out the movement `append` added last.
    fn remove_last(&mut self, item: TimelineItem) {
        let key = (item.date, item.seq);
        let (l, r) = self.split(self.root, key);
        let (_, r) = self.split_after(r, key);
        self.root = self.merge(l, r);
        self.nodes.pop();
    }

    fn node(&mut self, item: TimelineItem) -> u32 {
        // xorshift64: priorities independent of the keys keep the tree balanced.
        self.rng ^= self.rng << 13;
        self.rng ^= self.rng >> 7;
        self.rng ^= self.rng << 17;
        self.nodes.push(Node {
            item,
            prio: self.rng,
            left: NIL,
            right: NIL,
            all: Effect::of(&item),
        });
        (self.nodes.len() - 1) as u32
    }

    fn all(&self, n: u32) -> Effect {
        if n == NIL {
            Effect::NONE
        } else {
            self.nodes[n as usize].all
        }
    }

    fn refresh(&mut self, n: u32) {
        let node = &self.nodes[n as usize];
        let all = self
            .all(node.left)
            .then(&Effect::of(&node.item))
            .then(&self.all(node.right));
        self.nodes[n as usize].all = all;
    }

    fn refresh_all(&mut self, n: u32) {
        if n == NIL {
            return;
        }
        let (l, r) = (self.nodes[n as usize].left, self.nodes[n as usize].right);
        self.refresh_all(l);
        self.refresh_all(r);
        self.refresh(n);
    }

    fn key(&self, n: u32) -> (NaiveDate, i64) {
        let it = &self.nodes[n as usize].item;
        (it.date, it.seq)
    }

    /// (items before `key`, the rest).
    fn split(&mut self, n: u32, key: (NaiveDate, i64)) -> (u32, u32) {
        if n == NIL {
            return (NIL, NIL);
        }
        if self.key(n) < key {
            let (l, r) = self.split(self.nodes[n as usize].right, key);
            self.nodes[n as usize].right = l;
            self.refresh(n);
            (n, r)
        } else {
            let (l, r) = self.split(self.nodes[n as usize].left, key);
            self.nodes[n as usize].left = r;
            self.refresh(n);
            (l, n)
        }
    }

    /// (items up to `key`, the rest).
    fn split_after(&mut self, n: u32, key: (NaiveDate, i64)) -> (u32, u32) {
        if n == NIL {
            return (NIL, NIL);
        }
        if self.key(n) <= key {
            let (l, r) = self.split_after(self.nodes[n as usize].right, key);
            self.nodes[n as usize].right = l;
            self.refresh(n);
            (n, r)
        } else {
            let (l, r) = self.split_after(self.nodes[n as usize].left, key);
            self.nodes[n as usize].left = r;
            self.refresh(n);
            (l, n)
        }
    }

    /// Every item of `a` before every item of `b`.
    fn merge(&mut self, a: u32, b: u32) -> u32 {
        if a == NIL {
            return b;
        }
        if b == NIL {
            return a;
        }
        if self.nodes[a as usize].prio > self.nodes[b as usize].prio {
            let r = self.merge(self.nodes[a as usize].right, b);
            self.nodes[a as usize].right = r;
            self.refresh(a);
            a
        } else {
            let l = self.merge(a, self.nodes[b as usize].left);
            self.nodes[b as usize].left = l;
            self.refresh(b);
            b
        }
    }

    fn end_state(&self) -> State {
        State::default().after(&self.all(self.root))
    }

    /// The first movement that does not fit, walking down from the root.
    fn first_break(&self) -> Option<Break> {
        let c = self.certified;
        let mut s = State::default();
        if !self.all(self.root).breaks(&s, c) {
            return None;
        }
        let mut n = self.root;
        while n != NIL {
            let node = &self.nodes[n as usize];
            let left = self.all(node.left);
            if left.breaks(&s, c) {
                n = node.left;
                continue;
            }
            s = s.after(&left);
            let own = Effect::of(&node.item);
            if own.breaks(&s, c) {
                let before = s.balance();
                let mut b = before;
                let shortfall = match b.apply(node.item.kind, node.item.qty, c) {
                    Err(sh) => sh,
                    // Not reached: the effect and `Balance::apply` agree on what breaks.
                    Ok(()) => Shortfall::NotPositive,
                };
                return Some(Break {
                    item: node.item,
                    balance_before: before,
                    shortfall,
                });
            }
            s = s.after(&own);
            n = node.right;
        }
        None
    }
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

    /// The timeline tree answers every insertion as `simulate` over all the items does: the same
    /// balance, or the same first break (item, balance before it, shortfall); a refused item
    /// leaves it unchanged.
    #[test]
    fn the_timeline_tree_agrees_with_the_replay() {
        let mut x: u64 = 0x1234_5678_9abc_def1;
        let mut next = |m: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x % m
        };
        let kinds = [
            Kind::Inbound,
            Kind::Inbound,
            Kind::Issue,
            Kind::Return,
            Kind::Use,
            Kind::Reexport,
            Kind::Scrap,
            Kind::Export,
        ];
        let (mut accepted, mut refused) = (0, 0);
        for round in 0..300 {
            let certified = 5 + next(40) as i64;
            let mut seq = 0;
            let mut item = |next: &mut dyn FnMut(u64) -> u64| {
                seq += 1;
                TimelineItem {
                    date: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()
                        + chrono::Days::new(next(60)),
                    seq,
                    kind: kinds[next(kinds.len() as u64) as usize],
                    // Now and then a zero, as a tampered row could hold.
                    qty: if next(50) == 0 { 0 } else { 1 + next(6) as i64 },
                }
            };
            // What is already recorded: inbound enough to make the rest interesting.
            let mut have: Vec<TimelineItem> = (0..next(8))
                .map(|_| {
                    let mut i = item(&mut next);
                    i.kind = Kind::Inbound;
                    i.qty = i.qty.max(1);
                    i
                })
                .collect();
            let mut t = Timeline::new(have.clone(), certified);
            assert_eq!(t.balance(), simulate(&mut have.clone(), certified));
            for _ in 0..(20 + round % 60) {
                let it = item(&mut next);
                let mut with = have.clone();
                with.push(it);
                let want = simulate(&mut with, certified);
                assert_eq!(t.insert(it), want, "round {round}, {it:?} into {have:?}");
                if want.is_ok() {
                    have.push(it);
                    accepted += 1;
                } else {
                    refused += 1;
                }
                assert_eq!(t.len(), have.len());
                assert_eq!(t.balance(), simulate(&mut have.clone(), certified));
            }
        }
        assert!(accepted > 3000 && refused > 3000, "{accepted} / {refused}");
    }
}
