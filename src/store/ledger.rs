//! Certificates and the ledger.
