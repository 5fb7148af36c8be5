-- 006: corrections of recorded decisions (SPEC section 8): `amend` and `void` entries, found
-- without scanning a certificate's movements (every read of a certificate applies them).
CREATE INDEX ledger_revisions ON ledger_entries(cert_no, seq) WHERE kind IN ('amend', 'void');
