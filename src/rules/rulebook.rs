//! The rulebook: the guide's table (conditions × applicant requirements × materials × post-import
//! requirements) as data, embedded from `data/rulebook.toml`. The rule engine, the scaffolder,
//! the documents and the ledger read it; none of them spells a condition's materials in code.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::application::model::{Application, Condition};

const RULEBOOK: &str = include_str!("../../data/rulebook.toml");

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Rulebook {
    pub version: u32,
    pub materials: Vec<MaterialKind>,
    pub evidence: Vec<EvidenceKind>,
    pub common_movements: Vec<MovementRule>,
    pub conditions: Vec<ConditionRules>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MaterialKind {
    pub kind: String,
    /// The material as the guide's table words it (empty when the table does not name it).
    pub guide: String,
    pub zh: String,
    pub en: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct EvidenceKind {
    pub kind: String,
    /// `number` (a document number, `--doc-no`), `file` (an evidence file), or both.
    pub needs: Vec<String>,
    pub zh: String,
    pub en: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MovementRule {
    /// inbound | issue | return | use | reexport | scrap | export
    pub kind: String,
    /// Evidence kinds (see `Rulebook::evidence`) a movement of this kind must carry.
    pub evidence: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Element {
    pub material: String,
    /// The key path in application.toml that declares it.
    pub key: String,
    pub zh: String,
    pub en: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ConditionRules {
    pub number: u8,
    pub slug: String,
    pub zh: String,
    pub en: String,
    pub guide: String,
    /// Allowed applicant roles; `*` allows any.
    pub roles: Vec<String>,
    pub roles_zh: String,
    /// The condition's own table in application.toml (`research`, `production_line`…).
    pub table: String,
    pub required_materials: Vec<String>,
    /// Required only in some cases (the sample notice for certification samples).
    pub conditional_materials: Vec<String>,
    /// Final dispositions the ledger accepts.
    pub dispositions: Vec<String>,
    pub disposal_zh: String,
    #[serde(default)]
    pub elements: Vec<Element>,
    pub movements: Vec<MovementRule>,
}

impl Rulebook {
    /// The embedded rulebook (parsed once; its validity is tested).
    pub fn get() -> &'static Rulebook {
        static RB: OnceLock<Rulebook> = OnceLock::new();
        RB.get_or_init(|| toml::from_str(RULEBOOK).expect("data/rulebook.toml is valid (tested)"))
    }

    pub fn condition(&self, c: Condition) -> &ConditionRules {
        self.conditions
            .iter()
            .find(|r| r.slug == c.slug())
            .expect("every condition is in the rulebook (tested)")
    }

    /// The materials `app` must carry, in the rulebook's order: its condition's required ones,
    /// then the conditional ones that apply (the sample notice, for CCC certification samples:
    /// `research.kind = "certification"` or the role `ccc-certification-client`). The flag says
    /// whether the material is conditional. Empty when the condition is unknown.
    pub fn required_for(&self, app: &Application) -> Vec<(&str, bool)> {
        let Some(c) = app.condition else {
            return Vec::new();
        };
        let r = self.condition(c);
        let mut v: Vec<(&str, bool)> = r
            .required_materials
            .iter()
            .map(|k| (k.as_str(), false))
            .collect();
        let certification = app
            .research
            .as_ref()
            .and_then(|r| r.kind.as_deref())
            .is_some_and(|k| k.trim() == "certification")
            || app.applicant_role.as_deref() == Some("ccc-certification-client");
        if c == Condition::Research && certification {
            v.extend(r.conditional_materials.iter().map(|k| (k.as_str(), true)));
        }
        v
    }

    pub fn material(&self, kind: &str) -> Option<&MaterialKind> {
        self.materials.iter().find(|m| m.kind == kind)
    }

    /// The 1-based position of a material kind in the guide's order (package folder numbers).
    pub fn material_order(&self, kind: &str) -> Option<usize> {
        self.materials
            .iter()
            .position(|m| m.kind == kind)
            .map(|i| i + 1)
    }

    pub fn evidence_kind(&self, kind: &str) -> Option<&EvidenceKind> {
        self.evidence.iter().find(|m| m.kind == kind)
    }

    /// The rule for a movement kind under a condition: common kinds (inbound, issue, return) or
    /// one of the condition's dispositions. `None`: the condition does not allow it (L004).
    pub fn movement(&self, c: Condition, kind: &str) -> Option<&MovementRule> {
        self.common_movements
            .iter()
            .find(|m| m.kind == kind)
            .or_else(|| self.condition(c).movements.iter().find(|m| m.kind == kind))
    }
}

impl ConditionRules {
    pub fn allows_role(&self, role: &str) -> bool {
        self.roles.iter().any(|r| r == "*" || r == role)
    }

    /// Every material the condition may ask for (required and conditional).
    pub fn all_materials(&self) -> impl Iterator<Item = &String> {
        self.required_materials
            .iter()
            .chain(self.conditional_materials.iter())
    }
}

/// Every applicant role named by the rulebook (for suggestions).
pub fn known_roles() -> Vec<&'static str> {
    let mut v: Vec<&str> = Rulebook::get()
        .conditions
        .iter()
        .flat_map(|c| c.roles.iter().map(String::as_str))
        .filter(|r| *r != "*")
        .collect();
    v.sort();
    v.dedup();
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rulebook_is_consistent() {
        let rb = Rulebook::get();
        assert_eq!(rb.conditions.len(), 6);
        for (i, c) in Condition::ALL.iter().enumerate() {
            let r = rb.condition(*c);
            assert_eq!(r.number as usize, i + 1);
            for m in r.all_materials() {
                assert!(rb.material(m).is_some(), "{}: unknown material {m}", r.slug);
            }
            for e in &r.elements {
                assert!(
                    r.all_materials().any(|m| *m == e.material),
                    "{}: element of {}",
                    r.slug,
                    e.material
                );
            }
            for m in &r.movements {
                assert!(
                    r.dispositions.contains(&m.kind),
                    "{}: movement {} not a disposition",
                    r.slug,
                    m.kind
                );
                for ev in &m.evidence {
                    let e = rb
                        .evidence_kind(ev)
                        .unwrap_or_else(|| panic!("unknown evidence {ev}"));
                    assert!(
                        !e.needs.is_empty() && e.needs.iter().all(|n| n == "number" || n == "file"),
                        "{ev}"
                    );
                }
            }
            for d in &r.dispositions {
                assert!(
                    rb.movement(*c, d).is_some(),
                    "{}: disposition {d} has no movement rule",
                    r.slug
                );
            }
        }
    }
}
