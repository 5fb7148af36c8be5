//! The risk thresholds the rules and the deadlines compare against (configured in ccc-exempt.toml).

/// Heuristic thresholds. The guide names no numbers (“数量较多或者金额较大”, “批次较多，累计数量较大”),
/// so these are configuration with documented defaults, not regulation.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Thresholds {
    /// M005: a material file larger than this many bytes.
    pub upload_limit_bytes: u64,
    /// K001: a single application with more units than this.
    pub key_quantity: i64,
    /// K001: a single application whose amount in one currency exceeds this (whole units).
    pub key_amount: i64,
    /// K002: at least this many applications in 12 months…
    pub k002_batches: i64,
    /// K002: …with at least this many units in total.
    pub k002_quantity: i64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            upload_limit_bytes: 10 * 1024 * 1024,
            key_quantity: 100,
            key_amount: 1_000_000,
            k002_batches: 5,
            k002_quantity: 500,
        }
    }
}
