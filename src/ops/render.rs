//! `render`: the generated documents, always in Chinese — the commitment letter (附件2-1, DOCX),
//! the comparison table (附件2-2, XLSX and CSV) and the materials checklist (材料清单).
//!
//! Also what `package` shares with it: [`prepare`] assembles the documents' input (the
//! application, the catalogue in force, the authority, the date and the zip timestamp) and
//! [`documents`] renders the three documents a package holds, so both commands date and fill
//! them the same way.
//!
//! The documents' date: `prepared_on` (at 00:00), else SOURCE_DATE_EPOCH (UTC, passed in by the
//! CLI: the core never reads the environment), else today. Only the first two make rebuilds on
//! other days identical.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime};
use serde::Serialize;

use super::output;
use crate::application::{LoadedApplication, load_application};
use crate::catalogue::Catalogue;
use crate::documents::checklist::{self, ChecklistRow};
use crate::documents::drafts::{self, DraftTemplates};
use crate::documents::letter::{self, LetterTemplate};
use crate::documents::{DocumentInput, table};
use crate::error::{Error, Result};
use crate::package::Generated;
use crate::package::bag::{self, Layout};
use crate::util::dos_time::DosTime;
use crate::util::files::write_atomic;
use crate::workspace::{Workspace, validate_id};
use crate::{Lang, Now};

/// Where the date of the documents and the zip timestamps come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateSource {
    PreparedOn,
    SourceDateEpoch,
    Today,
}

/// The documents' input, assembled once for `render` and `package`.
#[derive(Debug)]
pub struct Prepared {
    pub loaded: LoadedApplication,
    pub catalogue: Catalogue,
    /// `authority` of ccc-exempt.toml: whom the letter is addressed to.
    pub authority: Option<String>,
    /// The date printed on the documents.
    pub date: NaiveDate,
    /// The timestamp of every zip entry (DOCX, XLSX, the package).
    pub time: DosTime,
    pub date_source: DateSource,
}

impl Prepared {
    pub fn input(&self) -> DocumentInput<'_> {
        DocumentInput {
            id: &self.loaded.id,
            app: &self.loaded.app,
            catalogue: &self.catalogue,
            authority: self.authority.as_deref(),
            date: self.date,
        }
    }
}

/// Load an application of the workspace (without checking it).
pub fn load(ws: &Workspace, id: &str, lang: Lang) -> Result<LoadedApplication> {
    validate_id(id)?;
    let path = ws.application_path(id);
    if !ws.has_application(id) {
        return Err(Error::Input(format!(
            "{} {id:?} ({}); {}",
            lang.pick("没有申请", "no application"),
            path.display(),
            lang.pick(
                "用 `ccc-exempt app list` 查看已有申请",
                "see `ccc-exempt app list`"
            )
        )));
    }
    load_application(id, &path, Some(&ws.config.applicant))
}

/// The documents' date and the zip entries' timestamp (see the module header).
/// `source_date_epoch` is the SOURCE_DATE_EPOCH value the caller read, if any.
pub fn document_date(
    loaded: &LoadedApplication,
    source_date_epoch: Option<&str>,
    now: Now,
    lang: Lang,
) -> Result<(NaiveDate, NaiveDateTime, DateSource)> {
    if let Some(d) = loaded.app.prepared_on {
        return Ok((d, d.and_time(NaiveTime::MIN), DateSource::PreparedOn));
    }
    if let Some(v) = source_date_epoch.filter(|v| !v.trim().is_empty()) {
        let secs: i64 = v.trim().parse().map_err(|_| {
            Error::Input(format!(
                "SOURCE_DATE_EPOCH={v:?} {}",
                lang.pick("不是整数秒数", "is not a whole number of seconds")
            ))
        })?;
        let dt = DateTime::from_timestamp(secs, 0)
            .ok_or_else(|| Error::Input(format!("SOURCE_DATE_EPOCH={v:?} is out of range")))?
            .naive_utc();
        return Ok((dt.date(), dt, DateSource::SourceDateEpoch));
    }
    let d = now.date();
    Ok((d, d.and_time(NaiveTime::MIN), DateSource::Today))
}

/// Assemble the documents' input for `loaded`: the catalogue in force, the authority, the date.
pub fn prepare(
    ws: &Workspace,
    loaded: LoadedApplication,
    source_date_epoch: Option<&str>,
    now: Now,
    lang: Lang,
) -> Result<Prepared> {
    let (date, stamp, date_source) = document_date(&loaded, source_date_epoch, now, lang)?;
    Ok(Prepared {
        catalogue: ws.catalogue()?.into_owned(),
        authority: ws.config.authority.clone(),
        time: DosTime::from_datetime(stamp),
        date,
        date_source,
        loaded,
    })
}

/// The letter template in force: the workspace's, else the bundled one. Loaded only by what
/// renders the letter, so a broken template does not stop `render table`.
pub fn letter_template(ws: &Workspace) -> Result<LetterTemplate> {
    match &ws.config.letter_template {
        Some(p) => LetterTemplate::load(&ws.root.join(p)),
        None => Ok(LetterTemplate::bundled()),
    }
}

/// The three documents of a package (letter DOCX, table XLSX and CSV), under their bag names.
pub fn documents(ws: &Workspace, p: &Prepared) -> Result<Vec<Generated>> {
    let tpl = letter_template(ws)?;
    let input = p.input();
    Ok(vec![
        Generated {
            name: bag::LETTER_DOCX.into(),
            bytes: letter::render_docx(&tpl, &input, p.time)?,
        },
        Generated {
            name: bag::TABLE_XLSX.into(),
            bytes: table::render_xlsx(&input, p.time)?,
        },
        Generated {
            name: bag::TABLE_CSV.into(),
            bytes: table::render_csv(&input),
        },
    ])
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum What {
    /// The commitment letter (后续管理承诺书, 附件2-1), DOCX.
    Letter,
    /// The comparison table (对照表, 附件2-2), XLSX and CSV.
    Table,
    /// The materials checklist (材料清单).
    Checklist,
    /// A document the applicant writes itself, as a DOCX draft (`documents::drafts::KINDS`).
    Draft(&'static str),
}

impl What {
    /// The extensions the document can be written as.
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            What::Letter | What::Draft(_) => &["docx"],
            What::Table => &["xlsx", "csv"],
            What::Checklist => &["csv"],
        }
    }

    /// The material kind of application.toml the signed and sealed document becomes.
    pub fn material(self, drafts: Option<&DraftTemplates>) -> Option<String> {
        match self {
            What::Letter => Some("commitment-letter".into()),
            What::Table => Some("comparison-table".into()),
            What::Checklist => None,
            What::Draft(k) => drafts.and_then(|d| d.get(k)).map(|t| t.material.clone()),
        }
    }
}

/// The drafts' templates in force: the workspace's, else the bundled ones.
pub fn draft_templates(ws: &Workspace) -> Result<DraftTemplates> {
    match &ws.config.draft_templates {
        Some(p) => DraftTemplates::load(&ws.root.join(p)),
        None => Ok(DraftTemplates::bundled()),
    }
}

/// An extension the document cannot have is refused before anything is read or written.
fn check_extension(what: What, out: &Path, lang: Lang) -> Result<()> {
    let ext = out
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let allowed = what.extensions();
    if allowed.contains(&ext.as_str()) {
        return Ok(());
    }
    let list: Vec<String> = allowed.iter().map(|e| format!(".{e}")).collect();
    Err(Error::Input(format!(
        "{}: {}",
        out.display(),
        match lang {
            Lang::Zh => format!(
                "该文件不能写成“.{ext}”：只能是 {}；本程序不会以错误的扩展名写入",
                list.join(" 或 ")
            ),
            Lang::En => format!(
                "this document cannot be written as \".{ext}\": it can only be {}; nothing is written under a wrong name",
                list.join(" or ")
            ),
        }
    )))
}

#[derive(Debug, Clone)]
pub struct Options {
    pub id: String,
    pub what: What,
    /// The file to write. None: `ID-后续管理承诺书.docx`; for the table both `ID-对照表.xlsx` and
    /// `ID-对照表.csv` (with a path, `.csv` writes the CSV, else the XLSX); for the checklist
    /// nothing is written and the rows are the report.
    pub output: Option<PathBuf>,
    /// The SOURCE_DATE_EPOCH value the caller read, if any.
    pub source_date_epoch: Option<String>,
}

/// What `render` did.
#[derive(Debug, Clone)]
pub struct Report {
    pub id: String,
    /// The files written, as really written (links in their directory resolved).
    pub written: Vec<PathBuf>,
    /// The checklist's rows (`What::Checklist` only).
    pub checklist: Option<Vec<ChecklistRow>>,
    /// The material kind whose scan the document becomes once printed, signed and sealed.
    pub material: Option<String>,
    /// A draft: what the applicant must still write or sign, and the placeholders left blank.
    pub to_write: Vec<String>,
    pub blanks: Vec<&'static str>,
}

impl Report {
    /// Whether every material of the checklist is there (true for the other documents).
    pub fn complete(&self) -> bool {
        self.checklist
            .as_ref()
            .is_none_or(|rows| rows.iter().all(ChecklistRow::is_ok))
    }
}

/// Render one document of application `opts.id`. Every destination passes the output guard
/// before anything is written; files are written atomically.
pub fn run(ws: &Workspace, opts: Options, now: Now, lang: Lang) -> Result<Report> {
    let loaded = load(ws, &opts.id, lang)?;
    let p = prepare(ws, loaded, opts.source_date_epoch.as_deref(), now, lang)?;
    let input = p.input();
    let layout = Layout::plan(&p.loaded);
    let mut inputs: Vec<&Path> = layout.files.iter().map(|f| f.source.as_path()).collect();
    inputs.push(p.loaded.path.as_path());
    let id = &opts.id;
    if let Some(out) = &opts.output {
        check_extension(opts.what, out, lang)?;
    }
    let mut files: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    let mut rows = None;
    let mut drafts = None;
    let mut to_write = Vec::new();
    let mut blanks = Vec::new();
    match opts.what {
        What::Draft(kind) => {
            let all = draft_templates(ws)?;
            let t = all
                .get(kind)
                .ok_or_else(|| Error::Input(format!("no draft template {kind:?}")))?;
            let slug = p.loaded.app.condition.map(|c| c.slug());
            if !slug.is_some_and(|s| t.conditions.iter().any(|c| c == s)) {
                return Err(Error::Input(match lang {
                    Lang::Zh => format!(
                        "{kind} 只用于条件 {}；申请 {id} 的条件是 {}",
                        t.conditions.join("、"),
                        slug.unwrap_or("-")
                    ),
                    Lang::En => format!(
                        "{kind} is for the conditions {} only; application {id} is {}",
                        t.conditions.join(", "),
                        slug.unwrap_or("-")
                    ),
                }));
            }
            let d = drafts::render_docx(t, &all.signature, &letter_template(ws)?, &input, p.time)?;
            let out = opts
                .output
                .clone()
                .unwrap_or_else(|| PathBuf::from(format!("{id}-{}.docx", t.file_name)));
            files.push((out, d.bytes));
            to_write = d.to_write;
            blanks = d.blanks;
            drafts = Some(all);
        }
        What::Letter => {
            let bytes = letter::render_docx(&letter_template(ws)?, &input, p.time)?;
            let out = opts
                .output
                .unwrap_or_else(|| PathBuf::from(format!("{id}-后续管理承诺书.docx")));
            files.push((out, bytes));
        }
        What::Table => {
            let is_csv = |p: &Path| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv"));
            match opts.output {
                Some(out) if is_csv(&out) => files.push((out, table::render_csv(&input))),
                Some(out) => files.push((out, table::render_xlsx(&input, p.time)?)),
                None => {
                    files.push((
                        PathBuf::from(format!("{id}-对照表.xlsx")),
                        table::render_xlsx(&input, p.time)?,
                    ));
                    files.push((
                        PathBuf::from(format!("{id}-对照表.csv")),
                        table::render_csv(&input),
                    ));
                }
            }
        }
        What::Checklist => {
            // A refused destination is refused before every material is read and hashed.
            if let Some(out) = &opts.output {
                output::destination(Some(ws), out, &inputs, lang)?;
            }
            let states = checklist::read_states(&layout);
            let r = checklist::rows(&p.loaded.app, &layout, &states);
            if let Some(out) = opts.output {
                files.push((out, checklist::render_csv(&r)));
            }
            rows = Some(r);
        }
    }
    let mut dests = Vec::new();
    for (path, _) in &files {
        dests.push(output::destination(Some(ws), path, &inputs, lang)?);
    }
    let mut written = Vec::new();
    for (dest, (_, bytes)) in dests.into_iter().zip(&files) {
        write_atomic(&dest.path, bytes).map_err(|e| Error::storage_io(&dest.path, e))?;
        written.push(dest.path);
    }
    Ok(Report {
        id: opts.id,
        written,
        checklist: rows,
        material: opts.what.material(drafts.as_ref()),
        to_write,
        blanks,
    })
}
