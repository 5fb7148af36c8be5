//! Package receipts.
