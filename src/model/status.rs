//! The application lifecycle (SPEC section 8): the statuses, the operations that move an
//! application, and the one table that says which operation moves which status to which and under
//! which guard. Nothing else decides a status change: the store persists the `Step` that `apply`
//! returns, inside the transaction that records the operation.
//!
//! ```text
//! draft → checked → packaged → submitted → approved | rejected → written-off
//! ```

use crate::model::codes::Code;
use std::collections::BTreeMap;
use std::fmt;

use chrono::NaiveDate;

use crate::Lang;
use crate::error::{Error, Result};

/// Where an application stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    Draft,
    Checked,
    Packaged,
    Submitted,
    Approved,
    Rejected,
    WrittenOff,
}

impl Status {
    pub const ALL: [Status; 7] = [
        Status::Draft,
        Status::Checked,
        Status::Packaged,
        Status::Submitted,
        Status::Approved,
        Status::Rejected,
        Status::WrittenOff,
    ];

    /// The name stored in the database and written in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Checked => "checked",
            Status::Packaged => "packaged",
            Status::Submitted => "submitted",
            Status::Approved => "approved",
            Status::Rejected => "rejected",
            Status::WrittenOff => "written-off",
        }
    }

    /// A stored name back to the status.
    pub fn parse(name: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.as_str() == name)
    }

    /// A name read from the database: one this binary does not know means the database was written
    /// by something else or is damaged (a storage error, exit 3).
    pub fn from_stored(name: &str) -> Result<Status> {
        Status::parse(name).ok_or_else(|| {
            Error::Storage(format!(
                "the workspace database holds an unknown application status {name:?} (known: {}); \
                 it was written by another program or is damaged: restore it from a backup",
                Status::ALL.map(Status::as_str).join(", ")
            ))
        })
    }

    /// The name shown to people. English keeps the stored name (it is what scripts and the
    /// guide's flow chart in SPEC use); Chinese has the words of the official system.
    pub fn label(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.as_str(),
            Lang::Zh => match self {
                Status::Draft => "草稿",
                Status::Checked => "已检查",
                Status::Packaged => "已打包",
                Status::Submitted => "已提交",
                Status::Approved => "已批准",
                Status::Rejected => "已驳回",
                Status::WrittenOff => "核销完毕",
            },
        }
    }

    /// Whether the application holds a certificate that has not been voided (approved, and
    /// afterwards written off).
    pub fn holds_certificate(self) -> bool {
        matches!(self, Status::Approved | Status::WrittenOff)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for Status {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// What happens to an application: the commands of SPEC section 3 that record something about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Operation {
    /// `check` found no error.
    CheckClean,
    /// `check` found at least one error.
    CheckWithErrors,
    /// `package` built a package for upload (a `--draft` package is not an operation on the
    /// application: it leaves the status alone).
    Package,
    /// `app submit`: filed in the official system.
    Submit,
    /// `app approve`: the authority issued the certificate.
    Approve,
    /// `app reject`: the authority refused.
    Reject,
    /// `ledger close`: the certificate is fully written off (核销完毕).
    WriteOff,
    /// `app amend`: the authority amended the issued certificate (申请修改(已发)证明); the
    /// application stays approved.
    Amend,
    /// `app void`: the approval or rejection was recorded by mistake; the application goes back
    /// to where it was before that decision (see [`apply_void`]).
    Void,
}

/// What an operation does when the table has no row for the current status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Elsewhere {
    /// The operation is recorded and the status stays (checking or packaging an application that
    /// is already submitted or decided).
    Stay,
    /// The operation is refused (S001): the application is not where the operation applies.
    Refuse,
}

impl Operation {
    pub const ALL: [Operation; 9] = [
        Operation::CheckClean,
        Operation::CheckWithErrors,
        Operation::Package,
        Operation::Submit,
        Operation::Approve,
        Operation::Reject,
        Operation::WriteOff,
        Operation::Amend,
        Operation::Void,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Operation::CheckClean => "check-clean",
            Operation::CheckWithErrors => "check-with-errors",
            Operation::Package => "package",
            Operation::Submit => "submit",
            Operation::Approve => "approve",
            Operation::Reject => "reject",
            Operation::WriteOff => "write-off",
            Operation::Amend => "amend",
            Operation::Void => "void",
        }
    }

    /// The command that performs it.
    pub fn command(self) -> &'static str {
        match self {
            Operation::CheckClean | Operation::CheckWithErrors => "check",
            Operation::Package => "package",
            Operation::Submit => "app submit",
            Operation::Approve => "app approve",
            Operation::Reject => "app reject",
            Operation::WriteOff => "ledger close",
            Operation::Amend => "app amend",
            Operation::Void => "app void",
        }
    }

    pub fn elsewhere(self) -> Elsewhere {
        match self {
            Operation::CheckClean | Operation::CheckWithErrors | Operation::Package => {
                Elsewhere::Stay
            }
            Operation::Submit
            | Operation::Approve
            | Operation::Reject
            | Operation::WriteOff
            | Operation::Amend
            | Operation::Void => Elsewhere::Refuse,
        }
    }
}

/// A condition a move must meet besides the status it starts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Guard {
    /// S004: the decision date is not before the application was prepared (`prepared_on`) or
    /// submitted (`app submit`), nor in the future. Cannot be forced: the date is a fact.
    DecisionDate,
    /// S003: the last check of the application's current files (application.toml and every
    /// material file, by content hash) found no error. `--force --reason TEXT` records the move
    /// anyway, and the reason stays with it.
    CleanCheck,
}

impl Guard {
    pub fn code(self) -> Code {
        match self {
            Guard::DecisionDate => Code::S004,
            Guard::CleanCheck => Code::S003,
        }
    }
}

/// One row of the table: `op` moves an application that is in one of `from` to `to`, when every
/// guard passes.
#[derive(Debug, Clone, Copy)]
pub struct Transition {
    pub op: Operation,
    pub from: &'static [Status],
    pub to: Status,
    pub guards: &'static [Guard],
}

use Status::{Approved, Checked, Draft, Packaged, Rejected, Submitted, WrittenOff};

/// The lifecycle. Every status change of an application is one of these rows.
pub const TRANSITIONS: &[Transition] = &[
    Transition {
        op: Operation::CheckClean,
        from: &[Draft],
        to: Checked,
        guards: &[],
    },
    // A checked or packaged application that no longer checks clean is a draft again; once
    // submitted, a check changes nothing (what the authority holds is what was submitted).
    Transition {
        op: Operation::CheckWithErrors,
        from: &[Checked, Packaged],
        to: Draft,
        guards: &[],
    },
    // Packaging again keeps `packaged` (the newest package is the one that counts).
    Transition {
        op: Operation::Package,
        from: &[Checked, Packaged],
        to: Packaged,
        guards: &[],
    },
    // A rejected application may be corrected and filed again.
    Transition {
        op: Operation::Submit,
        from: &[Draft, Checked, Packaged, Rejected],
        to: Submitted,
        guards: &[],
    },
    Transition {
        op: Operation::Approve,
        from: &[Draft, Checked, Packaged, Submitted],
        to: Approved,
        guards: &[Guard::DecisionDate, Guard::CleanCheck],
    },
    Transition {
        op: Operation::Reject,
        from: &[Draft, Checked, Packaged, Submitted],
        to: Rejected,
        guards: &[],
    },
    Transition {
        op: Operation::WriteOff,
        from: &[Approved],
        to: WrittenOff,
        guards: &[],
    },
    // An amendment keeps the application approved; its issue date is a decision date (S004).
    // Once written off there is nothing left to amend.
    Transition {
        op: Operation::Amend,
        from: &[Approved],
        to: Approved,
        guards: &[Guard::DecisionDate],
    },
    // A decision recorded by mistake is voided: the application goes back to the status it had
    // before the decision (`apply_void`); `to` is where it goes when the history does not say.
    // The ledger refuses the void of an approval once a movement is recorded on the certificate.
    Transition {
        op: Operation::Void,
        from: &[Approved, Rejected],
        to: Submitted,
        guards: &[],
    },
];

/// The row of `op`.
pub fn transition(op: Operation) -> &'static Transition {
    TRANSITIONS
        .iter()
        .find(|t| t.op == op)
        .expect("every operation has its row (tested)")
}

/// A file of the application by content hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileHash {
    /// Relative to the application directory, `/` separators.
    pub path: String,
    pub sha256: [u8; 32],
}

/// The last check of an application as recorded.
#[derive(Debug, Clone, Copy)]
pub struct LastCheck<'a> {
    /// When it ran (RFC 3339).
    pub at: &'a str,
    pub errors: i64,
    /// The files it saw; `None` for a check recorded before the store kept them.
    pub files: Option<&'a [FileHash]>,
}

/// What the guards of a decision look at; the caller gathers it (the files hashed now, the
/// records of the store, the command's clock).
#[derive(Debug, Clone, Copy)]
pub struct DecisionFacts<'a> {
    /// The date of the decision (`--issued`).
    pub decided_on: NaiveDate,
    /// Today, from the command's clock.
    pub today: NaiveDate,
    pub prepared_on: Option<NaiveDate>,
    /// The date of the latest `app submit`, when there is one.
    pub submitted_on: Option<NaiveDate>,
    pub last_check: Option<LastCheck<'a>>,
    /// application.toml and every material file that can be read now.
    pub current_files: &'a [FileHash],
    /// `--force --reason TEXT`.
    pub force: Option<&'a str>,
}

/// A guard that did not pass and was overridden with `--force --reason`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Forced {
    pub code: Code,
    /// What the guard found.
    pub why: String,
    /// The reason given.
    pub reason: String,
}

/// The outcome of an operation for the application's status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// A row applies: `from` → `to` (the same status when packaging again: no event is recorded
    /// then).
    Move {
        from: Status,
        to: Status,
        forced: Option<Forced>,
    },
    /// No row applies and the operation leaves the status as it is.
    Stay(Status),
}

impl Step {
    /// The status after the operation.
    pub fn status(&self) -> Status {
        match self {
            Step::Move { to, .. } => *to,
            Step::Stay(s) => *s,
        }
    }

    /// Whether the status changes (a status event is recorded).
    pub fn changes(&self) -> bool {
        matches!(self, Step::Move { from, to, .. } if from != to)
    }

    pub fn forced(&self) -> Option<&Forced> {
        match self {
            Step::Move { forced, .. } => forced.as_ref(),
            Step::Stay(_) => None,
        }
    }
}

/// The one decision: what `op` does to application `id`, which is in `from`. Refused with S001
/// when the operation does not apply there, with the guard's code when a guard does not pass.
/// `facts` is what the guards look at; a guarded move without them is refused (a guard never
/// passes for want of looking).
pub fn apply(
    id: &str,
    op: Operation,
    from: Status,
    facts: Option<&DecisionFacts<'_>>,
    lang: Lang,
) -> Result<Step> {
    let row = transition(op);
    if !row.from.contains(&from) {
        return match op.elsewhere() {
            Elsewhere::Stay => Ok(Step::Stay(from)),
            Elsewhere::Refuse => Err(s001(id, row, from, lang)),
        };
    }
    let mut forced = None;
    for g in row.guards {
        let Some(f) = facts else {
            return Err(Error::refused(
                g.code(),
                lang.pick(
                    &format!("申请 {id}：`{}` 缺少判断所需的记录", op.command()),
                    &format!(
                        "application {id}: `{}` was given nothing to decide with",
                        op.command()
                    ),
                ),
            ));
        };
        match g {
            Guard::DecisionDate => decision_date(f, lang)?,
            Guard::CleanCheck => {
                if let Some(unclean) = clean_check(f) {
                    match f.force {
                        Some(reason) => {
                            forced = Some(Forced {
                                code: g.code(),
                                why: unclean.describe(lang),
                                reason: reason.to_string(),
                            })
                        }
                        None => return Err(s003(id, &unclean, lang)),
                    }
                }
            }
        }
    }
    Ok(Step::Move {
        from,
        to: row.to,
        forced,
    })
}

/// `app void`: the move back from the decision (approved or rejected) to `before`, the status
/// the application had when the decision was recorded (from its history). Refused with S001
/// when the application holds no decision that can be voided.
pub fn apply_void(id: &str, from: Status, before: Option<Status>, lang: Lang) -> Result<Step> {
    let row = transition(Operation::Void);
    if !row.from.contains(&from) {
        return Err(s001(id, row, from, lang));
    }
    // Back to where the decision came from; a status a decision cannot come from (a history
    // written by something else) gives the table's default.
    let decided_from = transition(Operation::Approve).from;
    let to = before
        .filter(|b| decided_from.contains(b))
        .unwrap_or(row.to);
    Ok(Step::Move {
        from,
        to,
        forced: None,
    })
}

fn either(items: &[&str], lang: Lang) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => {
            let (sep, or) = match lang {
                Lang::Zh => ("、", "或"),
                Lang::En => (", ", " or "),
            };
            format!("{}{or}{last}", init.join(sep))
        }
    }
}

fn s001(id: &str, row: &Transition, from: Status, lang: Lang) -> Error {
    let names: Vec<&str> = row.from.iter().map(|s| s.label(lang)).collect();
    let list = either(&names, lang);
    if row.op == Operation::Void {
        // A void goes back to where the decision came from: no one status to name.
        return Error::refused(
            Code::S001,
            match lang {
                Lang::Zh => format!(
                    "申请 {id} 当前状态为{}，`app void` 只适用于{list}的申请",
                    from.label(lang)
                ),
                Lang::En => format!(
                    "application {id} is {from}; `app void` applies only to an {list} application"
                ),
            },
        );
    }
    Error::refused(
        Code::S001,
        match lang {
            Lang::Zh => format!(
                "申请 {id} 当前状态为{}，`{}` 只能从{list}变为{}",
                from.label(lang),
                row.op.command(),
                row.to.label(lang)
            ),
            Lang::En => format!(
                "application {id} is {from}; `{}` makes an application {} only from {list}",
                row.op.command(),
                row.to
            ),
        },
    )
}

fn decision_date(f: &DecisionFacts<'_>, lang: Lang) -> Result<()> {
    let d = f.decided_on;
    let refuse = |zh: String, en: String| Err(Error::refused(Code::S004, lang.pick(&zh, &en)));
    if d > f.today {
        return refuse(
            format!("签发日期 {d} 晚于今天 {}", f.today),
            format!("the issue date {d} is in the future (today is {})", f.today),
        );
    }
    if let Some(p) = f.prepared_on
        && d < p
    {
        return refuse(
            format!("签发日期 {d} 早于申请的准备日期 {p}（prepared_on）"),
            format!("the issue date {d} is before the application was prepared ({p}, prepared_on)"),
        );
    }
    if let Some(s) = f.submitted_on
        && d < s
    {
        return refuse(
            format!("签发日期 {d} 早于申请的提交日期 {s}（app submit）"),
            format!("the issue date {d} is before the application was submitted ({s}, app submit)"),
        );
    }
    Ok(())
}

/// How a file differs between the last check and now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Modified(String),
    /// Seen by the check, missing or unreadable now.
    Removed(String),
    /// Not seen by the check.
    Added(String),
}

/// Why the last check does not vouch for the current files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unclean {
    NeverChecked,
    /// The last check was recorded before the store kept the hashes of the material files.
    NoFileHashes {
        at: String,
    },
    Changed {
        at: String,
        changes: Vec<Change>,
    },
    Errors {
        at: String,
        errors: i64,
    },
}

impl Unclean {
    /// What was found, in a sentence.
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            Unclean::NeverChecked => lang.pick("从未检查", "it was never checked").into(),
            Unclean::NoFileHashes { at } => match lang {
                Lang::Zh => format!("最近一次检查（{at}）未记录材料文件的哈希"),
                Lang::En => {
                    format!("the last check ({at}) did not record the hashes of the material files")
                }
            },
            Unclean::Changed { at, changes } => {
                let names: Vec<String> = changes
                    .iter()
                    .map(|c| match (c, lang) {
                        (Change::Modified(p), _) => p.clone(),
                        (Change::Removed(p), Lang::Zh) => format!("{p}（已删除或无法读取）"),
                        (Change::Removed(p), Lang::En) => format!("{p} (removed or unreadable)"),
                        (Change::Added(p), Lang::Zh) => format!("{p}（新增）"),
                        (Change::Added(p), Lang::En) => format!("{p} (new)"),
                    })
                    .collect();
                match lang {
                    Lang::Zh => format!("最近一次检查（{at}）之后有改动：{}", names.join("、")),
                    Lang::En => {
                        format!("changed since the last check ({at}): {}", names.join(", "))
                    }
                }
            }
            Unclean::Errors { at, errors } => match lang {
                Lang::Zh => format!("最近一次检查（{at}）发现 {errors} 个错误"),
                Lang::En => format!("the last check ({at}) found {errors} error(s)"),
            },
        }
    }
}

/// S003: `None` when the last check is of the current files and found no error.
pub fn clean_check(f: &DecisionFacts<'_>) -> Option<Unclean> {
    let Some(c) = f.last_check else {
        return Some(Unclean::NeverChecked);
    };
    let at = c.at.to_string();
    let Some(seen) = c.files else {
        return Some(Unclean::NoFileHashes { at });
    };
    let then: BTreeMap<&str, &[u8; 32]> =
        seen.iter().map(|x| (x.path.as_str(), &x.sha256)).collect();
    let now: BTreeMap<&str, &[u8; 32]> = f
        .current_files
        .iter()
        .map(|x| (x.path.as_str(), &x.sha256))
        .collect();
    let mut changes = Vec::new();
    for (p, h) in &now {
        match then.get(p) {
            Some(old) if old == h => {}
            Some(_) => changes.push((p.to_string(), Change::Modified(p.to_string()))),
            None => changes.push((p.to_string(), Change::Added(p.to_string()))),
        }
    }
    for p in then.keys() {
        if !now.contains_key(p) {
            changes.push((p.to_string(), Change::Removed(p.to_string())));
        }
    }
    if !changes.is_empty() {
        changes.sort_by(|a, b| a.0.cmp(&b.0));
        return Some(Unclean::Changed {
            at,
            changes: changes.into_iter().map(|(_, c)| c).collect(),
        });
    }
    if c.errors > 0 {
        return Some(Unclean::Errors {
            at,
            errors: c.errors,
        });
    }
    None
}

fn s003(id: &str, u: &Unclean, lang: Lang) -> Error {
    let why = u.describe(lang);
    let hint = match (u, lang) {
        (Unclean::Errors { .. }, Lang::Zh) => format!("修正后重新运行 `ccc-exempt check {id}`"),
        (Unclean::Errors { .. }, Lang::En) => {
            format!("fix them and run `ccc-exempt check {id}` again")
        }
        (Unclean::NeverChecked, Lang::Zh) => format!("先运行 `ccc-exempt check {id}`"),
        (Unclean::NeverChecked, Lang::En) => format!("run `ccc-exempt check {id}` first"),
        (_, Lang::Zh) => format!("重新运行 `ccc-exempt check {id}`"),
        (_, Lang::En) => format!("run `ccc-exempt check {id}` again"),
    };
    Error::refused(
        Code::S003,
        match lang {
            Lang::Zh => format!(
                "申请 {id} 未登记批准：{why}；{hint}；如当局已按现有材料批准，用 --force --reason 说明原因后登记"
            ),
            Lang::En => format!(
                "application {id} not approved: {why}; {hint}, or, when the authority approved it as it stands, record it with --force --reason TEXT"
            ),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn fh(path: &str, b: u8) -> FileHash {
        FileHash {
            path: path.into(),
            sha256: [b; 32],
        }
    }

    fn refused_code(r: Result<Step>) -> String {
        match r {
            Err(Error::Refused { code, .. }) => code.as_str().to_string(),
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn names_round_trip_and_unknown_names_are_storage_errors() {
        for s in Status::ALL {
            assert_eq!(Status::parse(s.as_str()), Some(s));
            assert_eq!(Status::from_stored(s.as_str()).unwrap(), s);
            assert_eq!(s.to_string(), s.as_str());
            assert_eq!(
                serde_json::to_value(s).unwrap(),
                serde_json::json!(s.as_str())
            );
            assert!(!s.label(Lang::Zh).is_ascii());
        }
        let e = Status::from_stored("archived").unwrap_err();
        assert_eq!(e.exit_code(), 3);
        assert!(e.to_string().contains("\"archived\""), "{e}");
        assert_eq!(Status::parse("Draft"), None);
    }

    #[test]
    fn every_operation_has_exactly_one_row() {
        for op in Operation::ALL {
            assert_eq!(
                TRANSITIONS.iter().filter(|t| t.op == op).count(),
                1,
                "{op:?}"
            );
        }
        assert_eq!(TRANSITIONS.len(), Operation::ALL.len());
    }

    /// One assertion per row of the table: the move it makes from each status it lists.
    #[test]
    fn each_row_moves_as_written() {
        let expect: &[(Operation, &[Status], Status)] = &[
            (Operation::CheckClean, &[Draft], Checked),
            (Operation::CheckWithErrors, &[Checked, Packaged], Draft),
            (Operation::Package, &[Checked, Packaged], Packaged),
            (
                Operation::Submit,
                &[Draft, Checked, Packaged, Rejected],
                Submitted,
            ),
            (
                Operation::Approve,
                &[Draft, Checked, Packaged, Submitted],
                Approved,
            ),
            (
                Operation::Reject,
                &[Draft, Checked, Packaged, Submitted],
                Rejected,
            ),
            (Operation::WriteOff, &[Approved], WrittenOff),
            (Operation::Amend, &[Approved], Approved),
            (Operation::Void, &[Approved, Rejected], Submitted),
        ];
        let files = [fh("application.toml", 1)];
        let facts = DecisionFacts {
            decided_on: d("2026-02-01"),
            today: d("2026-03-01"),
            prepared_on: Some(d("2026-01-10")),
            submitted_on: Some(d("2026-01-20")),
            last_check: Some(LastCheck {
                at: "2026-01-15T09:00:00+08:00",
                errors: 0,
                files: Some(&files),
            }),
            current_files: &files,
            force: None,
        };
        for (op, from, to) in expect {
            let row = transition(*op);
            assert_eq!(row.from, *from, "{op:?}");
            assert_eq!(row.to, *to, "{op:?}");
            for f in *from {
                let step = apply("a", *op, *f, Some(&facts), Lang::En).unwrap();
                assert_eq!(
                    step,
                    Step::Move {
                        from: *f,
                        to: *to,
                        forced: None
                    },
                    "{op:?} from {f}"
                );
                assert_eq!(step.changes(), f != to);
            }
        }
        assert_eq!(expect.len(), TRANSITIONS.len());
    }

    /// Everything not in the table: checks and packages leave the status; decisions are refused
    /// with S001, saying from where the move is possible.
    #[test]
    fn moves_not_in_the_table() {
        for op in Operation::ALL {
            let row = transition(op);
            for s in Status::ALL.into_iter().filter(|s| !row.from.contains(s)) {
                let r = apply("a", op, s, None, Lang::En);
                match op.elsewhere() {
                    Elsewhere::Stay => assert_eq!(r.unwrap(), Step::Stay(s), "{op:?} {s}"),
                    Elsewhere::Refuse => {
                        let e = r.unwrap_err();
                        assert_eq!(e.exit_code(), 1);
                        let msg = e.to_string();
                        assert!(msg.starts_with("S001: application a is "), "{msg}");
                        assert!(msg.contains(s.as_str()), "{msg}");
                        for f in row.from {
                            assert!(msg.contains(f.as_str()), "{msg} lacks {f}");
                        }
                    }
                }
            }
        }
        let e = apply("a", Operation::Approve, Approved, None, Lang::En).unwrap_err();
        assert_eq!(
            e.to_string(),
            "S001: application a is approved; `app approve` makes an application approved only from draft, checked, packaged or submitted"
        );
        let e = apply("a", Operation::Submit, WrittenOff, None, Lang::Zh).unwrap_err();
        assert_eq!(
            e.to_string(),
            "S001: 申请 a 当前状态为核销完毕，`app submit` 只能从草稿、已检查、已打包或已驳回变为已提交"
        );
        // A guarded move without its facts is refused, never waved through.
        assert_eq!(
            refused_code(apply("a", Operation::Approve, Submitted, None, Lang::En)),
            "S004"
        );
    }

    #[test]
    fn a_void_goes_back_to_where_the_decision_came_from() {
        for before in [Draft, Checked, Packaged, Submitted] {
            for decided in [Approved, Rejected] {
                let step = apply_void("a", decided, Some(before), Lang::En).unwrap();
                assert_eq!(step.status(), before);
                assert!(step.changes());
            }
        }
        // A history that does not say: submitted.
        assert_eq!(
            apply_void("a", Approved, None, Lang::En).unwrap().status(),
            Submitted
        );
        assert_eq!(
            apply_void("a", Approved, Some(WrittenOff), Lang::En)
                .unwrap()
                .status(),
            Submitted
        );
        for s in [Draft, Checked, Packaged, Submitted, WrittenOff] {
            let e = apply_void("a", s, Some(Draft), Lang::En).unwrap_err();
            assert!(e.to_string().starts_with("S001: "), "{e}");
        }
        let e = apply_void("a", WrittenOff, None, Lang::Zh).unwrap_err();
        assert!(e.to_string().contains("`app void`"), "{e}");
    }

    fn facts<'a>(files: &'a [FileHash], last: Option<LastCheck<'a>>) -> DecisionFacts<'a> {
        DecisionFacts {
            decided_on: d("2026-02-01"),
            today: d("2026-03-01"),
            prepared_on: None,
            submitted_on: None,
            last_check: last,
            current_files: files,
            force: None,
        }
    }

    #[test]
    fn approval_needs_a_clean_check_of_the_current_files() {
        let now = [fh("application.toml", 1), fh("materials/a.pdf", 2)];
        let at = "2026-01-15T09:00:00+08:00";
        let approve =
            |f: &DecisionFacts<'_>| apply("a", Operation::Approve, Checked, Some(f), Lang::En);
        let msg = |f: &DecisionFacts<'_>| approve(f).unwrap_err().to_string();

        let m = msg(&facts(&now, None));
        assert!(m.starts_with("S003: application a not approved: it was never checked; run `ccc-exempt check a` first"), "{m}");
        assert!(m.contains("--force --reason"), "{m}");

        let m = msg(&facts(
            &now,
            Some(LastCheck {
                at,
                errors: 0,
                files: None,
            }),
        ));
        assert!(m.contains("did not record the hashes"), "{m}");

        let same = now.clone();
        let l = LastCheck {
            at,
            errors: 2,
            files: Some(&same),
        };
        let m = msg(&facts(&now, Some(l)));
        assert!(
            m.contains("the last check (2026-01-15T09:00:00+08:00) found 2 error(s)"),
            "{m}"
        );

        let then = [
            fh("application.toml", 1),
            fh("materials/a.pdf", 9),
            fh("materials/old.pdf", 3),
        ];
        let l = LastCheck {
            at,
            errors: 2,
            files: Some(&then),
        };
        let m = msg(&facts(&now, Some(l)));
        assert!(
            m.contains("changed since the last check (2026-01-15T09:00:00+08:00): materials/a.pdf, materials/old.pdf (removed or unreadable);"),
            "{m}"
        );
        let fewer = [fh("application.toml", 1)];
        let l = LastCheck {
            at,
            errors: 0,
            files: Some(&fewer),
        };
        assert!(msg(&facts(&now, Some(l))).contains("materials/a.pdf (new)"));

        // Clean and unchanged: approved, nothing forced.
        let l = LastCheck {
            at,
            errors: 0,
            files: Some(&same),
        };
        assert_eq!(approve(&facts(&now, Some(l))).unwrap().forced(), None);

        // Forced: recorded, with what the guard found and the reason given.
        let l = LastCheck {
            at,
            errors: 2,
            files: Some(&same),
        };
        let mut f = facts(&now, Some(l));
        f.force = Some("the authority approved it as filed");
        let step = approve(&f).unwrap();
        assert_eq!(step.status(), Approved);
        assert_eq!(
            step.forced(),
            Some(&Forced {
                code: Code::S003,
                why: "the last check (2026-01-15T09:00:00+08:00) found 2 error(s)".into(),
                reason: "the authority approved it as filed".into(),
            })
        );
        // Forcing what needs no force records no override.
        let l = LastCheck {
            at,
            errors: 0,
            files: Some(&same),
        };
        let mut f = facts(&now, Some(l));
        f.force = Some("x");
        assert_eq!(approve(&f).unwrap().forced(), None);
    }

    #[test]
    fn the_decision_date_is_not_before_preparation_or_submission_nor_in_the_future() {
        let files = [fh("application.toml", 1)];
        let l = LastCheck {
            at: "t",
            errors: 0,
            files: Some(&files),
        };
        let approve =
            |f: &DecisionFacts<'_>| apply("a", Operation::Approve, Submitted, Some(f), Lang::En);
        let base = facts(&files, Some(l));
        assert!(approve(&base).is_ok());

        let mut f = base;
        f.decided_on = d("2026-03-02");
        let e = approve(&f).unwrap_err().to_string();
        assert_eq!(
            e,
            "S004: the issue date 2026-03-02 is in the future (today is 2026-03-01)"
        );
        f.decided_on = f.today;
        assert!(approve(&f).is_ok(), "today itself is fine");

        let mut f = base;
        f.prepared_on = Some(d("2026-02-02"));
        let e = approve(&f).unwrap_err().to_string();
        assert!(
            e.starts_with(
                "S004: the issue date 2026-02-01 is before the application was prepared (2026-02-02"
            ),
            "{e}"
        );
        f.prepared_on = Some(f.decided_on);
        assert!(approve(&f).is_ok(), "the same day is fine");

        let mut f = base;
        f.submitted_on = Some(d("2026-02-05"));
        let e = approve(&f).unwrap_err().to_string();
        assert!(e.starts_with("S004: the issue date 2026-02-01 is before the application was submitted (2026-02-05"), "{e}");

        // A date is a fact: --force does not override S004.
        f.force = Some("x");
        assert_eq!(refused_code(approve(&f)), "S004");
    }
}
