//! `store info` and `store migrate --to URL`: which store the workspace uses (SQLite or
//! PostgreSQL), and moving a workspace's SQLite store into an empty PostgreSQL database.

use super::output::Out;
use super::{Ctx, Format, only_formats};
use ccc_exempt::Result;
use ccc_exempt::ops::store as ops;
use ccc_exempt::store::pg::PgTarget;
use ccc_exempt::util::hex::hex;

#[derive(Debug, clap::Subcommand)]
pub enum Cmd {
    /// Which store the workspace uses, its schema version, entry count and head hash.
    Info,
    /// Copy the workspace's SQLite store into an empty PostgreSQL database, then verify the
    /// chain, the balances and every evidence hash on the copy.
    Migrate(MigrateArgs),
}

#[derive(Debug, clap::Args)]
pub struct MigrateArgs {
    /// The PostgreSQL database to copy into (postgresql://user@host:port/database); a password
    /// missing from the URL is taken from PGPASSWORD.
    #[arg(long, value_name = "URL")]
    pub to: String,
}

pub fn run(ctx: &Ctx, cmd: Cmd) -> Result<i32> {
    match cmd {
        Cmd::Info => info(ctx),
        Cmd::Migrate(a) => migrate(ctx, a),
    }
}

fn info(ctx: &Ctx) -> Result<i32> {
    only_formats(ctx, &[Format::Human, Format::Json])?;
    let ws = ctx.workspace()?;
    let i = ops::info(&ws, ctx.now, ctx.lang)?;
    if ctx.format == Format::Json {
        Out::json(&serde_json::json!({ "schema": "ccc-exempt/store-info/1", "store": i }));
        return Ok(0);
    }
    let kind = match i.kind {
        "postgresql" => ctx.t("PostgreSQL（部门共用）", "PostgreSQL (a department's)"),
        _ => ctx.t("SQLite（本机内嵌）", "SQLite (embedded)"),
    };
    Out::line(&format!("{}: {kind}", ctx.t("存储", "store")));
    Out::line(&format!("{}: {}", ctx.t("位置", "location"), i.location));
    Out::line(&format!(
        "{}: {} ({} {})",
        ctx.t("结构版本", "schema version"),
        i.schema_version,
        ctx.t("本程序使用", "this ccc-exempt uses"),
        i.schema_version_known
    ));
    Out::line(&format!(
        "{}: {}",
        ctx.t("工作区标识", "workspace"),
        i.workspace_id
    ));
    Out::line(&format!("{}: {}", ctx.t("台账条目", "entries"), i.entries));
    Out::line(&format!("{}: {}", ctx.t("链头", "head"), hex(&i.head)));
    Ok(0)
}

fn migrate(ctx: &Ctx, a: MigrateArgs) -> Result<i32> {
    only_formats(ctx, &[Format::Human, Format::Json])?;
    let ws = ctx.workspace()?;
    let target = PgTarget::new(&a.to, ctx.discovery.store.password.as_deref())?;
    ctx.status(&format!(
        "{} {} …",
        ctx.t("正在校验并复制到", "verifying and copying to"),
        target.redacted()
    ));
    let r = ops::migrate(&ws, &target, ctx.now, ctx.lang)?;
    if ctx.format == Format::Json {
        Out::json(
            &serde_json::json!({ "schema": "ccc-exempt/store-migrate/1", "ok": r.ok(), "report": r }),
        );
        return Ok(0);
    }
    let rows: u64 = r.copied.tables.iter().map(|(_, n)| n).sum();
    Out::line(&format!(
        "{} {} · {} {} · {} {} ({} bytes) · {} {} · {} {}",
        ctx.t("已复制到", "copied to"),
        r.target,
        rows,
        ctx.t("行", "rows"),
        r.copied.evidence_files,
        ctx.t("个证明文件", "evidence files"),
        r.copied.evidence_bytes,
        r.verify.entries,
        ctx.t("个条目", "entries"),
        ctx.t("链头", "head"),
        hex(&r.verify.head)
    ));
    Out::line(ctx.t(
        "副本已校验：链、余额与每个证明文件的哈希均无误，且与原台账的检查点一致。",
        "the copy verifies: chain, balances and every evidence hash, and it matches the original's checkpoint.",
    ));
    ctx.status(&format!(
        "{}\n  [store]\n  url = \"{}\"\n{}",
        ctx.t(
            "改用该数据库：在 ccc-exempt.toml 中加入",
            "To use it, add to ccc-exempt.toml"
        ),
        target.url_without_password(),
        ctx.t(
            "（密码放在 PGPASSWORD 或 CCC_EXEMPT_DATABASE_URL 中，不要写入受版本管理的文件）",
            "(keep the password in PGPASSWORD or CCC_EXEMPT_DATABASE_URL, not in a file under version control)"
        )
    ));
    Ok(0)
}
