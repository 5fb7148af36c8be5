//! `backup PATH`: a consistent, verified copy of the workspace database (SQLite online backup
//! API, integrity check and the same ledger head, then a rename into place).

use super::output::Out;
use super::{Ctx, Format, only_formats};
use ccc_exempt::util::hex::hex;
use ccc_exempt::{Error, Result};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Where to write the copy (a single SQLite file).
    pub path: std::path::PathBuf,
    /// Replace an existing file at PATH.
    #[arg(long)]
    pub force: bool,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<i32> {
    only_formats(ctx, &[Format::Human, Format::Json])?;
    let ws = ctx.workspace()?;
    if let Some(t) = ws.pg_target()? {
        return Err(Error::Input(format!(
            "{} ({}){}\n  {}",
            ctx.t(
                "此工作区的存储是 PostgreSQL",
                "this workspace's store is PostgreSQL"
            ),
            t.redacted(),
            ctx.t(
                "：请用服务器自带的 pg_dump 备份（证明文件也在数据库中），例如：",
                ": back it up with the server's own pg_dump (the evidence files are in the database too), e.g.:"
            ),
            ccc_exempt::store::pg_dump_command(&t, &args.path)
        )));
    }
    let dest = if args.path.is_absolute() {
        args.path.clone()
    } else {
        ctx.discovery.cwd.join(&args.path)
    };
    if dest.is_dir() {
        return Err(Error::Input(format!(
            "{}: {}",
            args.path.display(),
            ctx.t(
                "是目录；请给出文件名，如 backup/workspace-2026-11-27.db",
                "is a directory; name a file, e.g. backup/workspace-2026-11-27.db"
            )
        )));
    }
    if dest.exists() && !args.force {
        return Err(Error::Input(format!(
            "{}: {}",
            args.path.display(),
            ctx.t(
                "已存在；用 --force 覆盖",
                "already exists; pass --force to replace it"
            )
        )));
    }
    // Never onto the database itself, the evidence store or the configuration.
    let dest = ccc_exempt::ops::output::destination(Some(&ws), &dest, &[], ctx.lang)?.path;
    let store = ws.store_read()?;
    let r = store.backup_verified(&dest)?;
    if ctx.format == Format::Json {
        Out::json(&serde_json::json!({
            "schema": "ccc-exempt/backup/1",
            "path": dest,
            "report": r,
        }));
    } else {
        Out::line(&format!(
            "{} {} · {} {} · {} {} · {} {} · {} {}",
            ctx.t("已备份到", "backed up to"),
            dest.display(),
            r.bytes,
            ctx.t("字节", "bytes"),
            r.entries,
            ctx.t("个台账条目", "ledger entries"),
            ctx.t("链头", "head"),
            &hex(&r.head)[..16],
            ctx.t("完整性检查", "integrity"),
            match (ctx.lang, r.integrity.as_str()) {
                (ccc_exempt::Lang::Zh, "ok") => "通过".to_string(),
                (_, other) => other.to_string(),
            }
        ));
        ctx.status(ctx.t(
            "证明文件（.ccc-exempt/evidence/）不在数据库中，请一并备份该目录。",
            "Evidence files (.ccc-exempt/evidence/) are not in the database: back that directory up too.",
        ));
    }
    Ok(0)
}
