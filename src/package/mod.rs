//! The upload package: a deterministic zip holding one BagIt 1.0 bag, and its verification.
