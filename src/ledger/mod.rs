//! The usage ledger (台账): certificates, movements and their rules, the hash chain, balances and
//! deadlines.
