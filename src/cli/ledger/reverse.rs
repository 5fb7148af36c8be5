//! `ledger reverse SEQ --reason` and `ledger close --cert NO`: the irreversible commands, which
//! ask on a terminal and need `--yes` without one.

use super::super::output::Out;
use super::super::{Ctx, Format, only_formats};
use ccc_exempt::Result;
use ccc_exempt::ops::ledger::{close, reverse as reversal};

#[derive(Debug, clap::Args)]
pub struct ReverseArgs {
    /// The number of the entry to reverse (`ledger list` shows them).
    pub seq: i64,
    /// Why (kept in the ledger).
    #[arg(long)]
    pub reason: String,
    /// Who reverses it.
    #[arg(long)]
    pub operator: Option<String>,
    /// Do not ask for confirmation (required when not at a terminal).
    #[arg(long, short = 'y')]
    pub yes: bool,
}

#[derive(Debug, clap::Args)]
pub struct CloseArgs {
    /// The certificate number (证明号).
    #[arg(long)]
    pub cert: String,
    /// The write-off date, YYYY-MM-DD (default: today).
    #[arg(long)]
    pub date: Option<String>,
    /// Who declares it.
    #[arg(long)]
    pub operator: Option<String>,
    /// A note.
    #[arg(long)]
    pub note: Option<String>,
    /// Do not ask for confirmation (required when not at a terminal).
    #[arg(long, short = 'y')]
    pub yes: bool,
}

pub fn reverse(ctx: &Ctx, a: ReverseArgs) -> Result<i32> {
    only_formats(ctx, &[Format::Human, Format::Json])?;
    let ws = ctx.workspace()?;
    if !a.yes {
        let q = match ctx.lang {
            ccc_exempt::Lang::Zh => format!("冲销条目 #{}？冲销记录不可删除", a.seq),
            ccc_exempt::Lang::En => format!("Reverse entry #{}? The reversal is permanent", a.seq),
        };
        if !super::confirm(ctx, a.yes, &q)? {
            ctx.status(ctx.t("未冲销。", "Nothing reversed."));
            return Ok(1);
        }
    }
    let e = reversal::run(
        &ws,
        reversal::Options {
            seq: a.seq,
            reason: a.reason,
            operator: a.operator,
        },
        ctx.now,
        ctx.lang,
    )?;
    if ctx.format == Format::Json {
        Out::json(&serde_json::json!({ "schema": "ccc-exempt/ledger-reverse/1", "entry": e }));
    } else {
        Out::line(&format!(
            "{} #{} {} #{}",
            ctx.t("已登记冲销", "recorded reversal"),
            e.seq,
            ctx.t("冲销", "of"),
            a.seq
        ));
    }
    Ok(0)
}

pub fn close(ctx: &Ctx, a: CloseArgs) -> Result<i32> {
    only_formats(ctx, &[Format::Human, Format::Json])?;
    let date = super::opt_date(ctx, "--date", &a.date)?;
    let ws = ctx.workspace()?;
    if !a.yes {
        let q = match ctx.lang {
            ccc_exempt::Lang::Zh => format!("证明 {} 核销完毕？之后不能再登记流水", a.cert),
            ccc_exempt::Lang::En => format!(
                "Write certificate {} off? Nothing can be recorded on it afterwards",
                a.cert
            ),
        };
        if !super::confirm(ctx, a.yes, &q)? {
            ctx.status(ctx.t("未核销。", "Not written off."));
            return Ok(1);
        }
    }
    let c = close::run(
        &ws,
        close::Options {
            cert_no: a.cert.clone(),
            date,
            operator: a.operator,
            note: a.note,
        },
        ctx.now,
        ctx.lang,
    )?;
    if ctx.format == Format::Json {
        Out::json(&serde_json::json!({ "schema": "ccc-exempt/ledger-close/1", "closed": c }));
    } else {
        Out::line(&match ctx.lang {
            ccc_exempt::Lang::Zh => format!(
                "证明 {} 于 {} 核销完毕（条目 #{}）；申请 {} 状态为核销完毕；材料与记录保存至 {}",
                a.cert, c.written_off_on, c.entry.seq, c.application_id, c.retain_until
            ),
            ccc_exempt::Lang::En => format!(
                "certificate {} written off on {} (entry #{}); application {} is written-off; keep materials and records until {}",
                a.cert, c.written_off_on, c.entry.seq, c.application_id, c.retain_until
            ),
        });
    }
    Ok(0)
}
