//! What an entry of the ledger is: one of the seven movements of SPEC section 7, a reversal, the
//! recording of the certificate, or its write-off.

use serde::Serialize;

/// The kind of a ledger entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// 入库: + in stock.
    Inbound,
    /// 领用: in stock → issued.
    Issue,
    /// 归还: issued → in stock.
    Return,
    /// 使用: → used (a final disposition).
    Use,
    /// 退运核销: → re-exported (a final disposition).
    Reexport,
    /// 报废/销毁: → destroyed (a final disposition).
    Scrap,
    /// 整机出口: → exported inside finished products (a final disposition).
    Export,
    /// 冲销: cancels the entry it names.
    Reversal,
    /// 证明登记: the certificate was recorded (line 0, quantity 0).
    Certify,
    /// 核销完毕: the certificate was written off (line 0, quantity 0).
    Close,
    /// 证明修改: the certificate was amended (申请修改(已发)证明), or approved again after a void.
    /// Line 0 carries the number (`doc_no`) and issue date (`date`) in force from then on and the
    /// files frozen with it (as evidence); line N carries line N's certified quantity (`qty`).
    Amend,
    /// 作废: a decision recorded by mistake (an approval, or a rejection: then the certificate
    /// number is empty and `doc_no` names the application). Line 0, quantity 0.
    Void,
}

impl Kind {
    /// The kinds a user records with `ledger add` / `ledger import`.
    pub const MOVEMENTS: [Kind; 7] = [
        Kind::Inbound,
        Kind::Issue,
        Kind::Return,
        Kind::Use,
        Kind::Reexport,
        Kind::Scrap,
        Kind::Export,
    ];

    pub const ALL: [Kind; 12] = [
        Kind::Inbound,
        Kind::Issue,
        Kind::Return,
        Kind::Use,
        Kind::Reexport,
        Kind::Scrap,
        Kind::Export,
        Kind::Reversal,
        Kind::Certify,
        Kind::Close,
        Kind::Amend,
        Kind::Void,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Inbound => "inbound",
            Kind::Issue => "issue",
            Kind::Return => "return",
            Kind::Use => "use",
            Kind::Reexport => "reexport",
            Kind::Scrap => "scrap",
            Kind::Export => "export",
            Kind::Reversal => "reversal",
            Kind::Certify => "certify",
            Kind::Close => "close",
            Kind::Amend => "amend",
            Kind::Void => "void",
        }
    }

    /// The word of the 台账.
    pub fn zh(self) -> &'static str {
        match self {
            Kind::Inbound => "入库",
            Kind::Issue => "领用",
            Kind::Return => "归还",
            Kind::Use => "使用",
            Kind::Reexport => "退运核销",
            Kind::Scrap => "报废/销毁",
            Kind::Export => "整机出口",
            Kind::Reversal => "冲销",
            Kind::Certify => "证明登记",
            Kind::Close => "核销完毕",
            Kind::Amend => "证明修改",
            Kind::Void => "作废",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            Kind::Inbound => "inbound",
            Kind::Issue => "issue",
            Kind::Return => "return",
            Kind::Use => "use",
            Kind::Reexport => "re-export",
            Kind::Scrap => "scrap",
            Kind::Export => "export",
            Kind::Reversal => "reversal",
            Kind::Certify => "certificate recorded",
            Kind::Close => "written off",
            Kind::Amend => "certificate amended",
            Kind::Void => "decision voided",
        }
    }

    /// Parse a stored kind (exact English name).
    pub fn from_stored(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Parse a movement kind as a user writes it: the English name or the 台账 word.
    pub fn parse_movement(text: &str) -> Option<Kind> {
        let t = text.trim();
        let lower = t.to_ascii_lowercase().replace(['_', ' '], "-");
        let k = match lower.as_str() {
            "inbound" | "in" | "入库" => Kind::Inbound,
            "issue" | "领用" => Kind::Issue,
            "return" | "归还" => Kind::Return,
            "use" | "used" | "使用" => Kind::Use,
            "reexport" | "re-export" | "退运" | "退运核销" => Kind::Reexport,
            "scrap" | "destroy" | "报废" | "销毁" | "报废/销毁" | "报废销毁" => {
                Kind::Scrap
            }
            "export" | "整机出口" => Kind::Export,
            _ => return None,
        };
        Some(k)
    }

    /// A final disposition (使用、退运、销毁、整机出口): counts as a usage record.
    pub fn is_disposition(self) -> bool {
        matches!(
            self,
            Kind::Use | Kind::Reexport | Kind::Scrap | Kind::Export
        )
    }

    /// An entry that records or corrects the certificate itself (recorded, amended, voided).
    pub fn is_revision(self) -> bool {
        matches!(self, Kind::Certify | Kind::Amend | Kind::Void)
    }

    pub fn is_movement(self) -> bool {
        Kind::MOVEMENTS.contains(&self)
    }

    /// The type of usage record in the official system (使用 / 退运 / 销毁). Export inside finished
    /// products is a use of the parts (the export declaration goes with it).
    pub fn usage_record_type(self) -> Option<&'static str> {
        match self {
            Kind::Use | Kind::Export => Some("使用"),
            Kind::Reexport => Some("退运"),
            Kind::Scrap => Some("销毁"),
            _ => None,
        }
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for k in Kind::ALL {
            assert_eq!(Kind::from_stored(k.as_str()), Some(k));
        }
        for k in Kind::MOVEMENTS {
            assert_eq!(Kind::parse_movement(k.as_str()), Some(k));
            assert_eq!(Kind::parse_movement(k.zh()), Some(k));
        }
        assert_eq!(Kind::parse_movement("销毁"), Some(Kind::Scrap));
        assert_eq!(Kind::parse_movement("reversal"), None);
    }
}
