//! `init [DIR]`: create a workspace. A dialoguer wizard on a terminal; flags otherwise. Never a
//! prompt without a terminal: then missing fields are named with their flags.

use std::path::PathBuf;

use super::Ctx;
use ccc_exempt::application::Applicant;
use ccc_exempt::application::uscc;
use ccc_exempt::workspace::Workspace;
use ccc_exempt::{Error, Result};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Where to create the workspace (default: the current directory).
    pub dir: Option<PathBuf>,
    /// Applicant name (单位名称), as on the business licence.
    #[arg(long)]
    pub name: Option<String>,
    /// Unified social credit code (统一社会信用代码).
    #[arg(long)]
    pub uscc: Option<String>,
    /// Address (地址).
    #[arg(long)]
    pub address: Option<String>,
    /// Contact person (联系人).
    #[arg(long)]
    pub contact: Option<String>,
    /// Phone (联系电话).
    #[arg(long)]
    pub phone: Option<String>,
    /// The market-regulation department the commitment letter is addressed to.
    #[arg(long)]
    pub authority: Option<String>,
}

pub fn run(ctx: &Ctx, a: Args) -> Result<i32> {
    let dir = a.dir.clone().unwrap_or_else(|| ctx.discovery.cwd.clone());
    let mut applicant = Applicant {
        name: a.name.clone(),
        uscc: a.uscc.clone(),
        address: a.address.clone(),
        contact: a.contact.clone(),
        phone: a.phone.clone(),
    };
    let mut authority = a.authority.clone();
    if applicant.name.is_none() || applicant.uscc.is_none() {
        if ctx.interactive {
            wizard(ctx, &mut applicant, &mut authority)?;
        } else {
            let missing: Vec<&str> = [("--name", &applicant.name), ("--uscc", &applicant.uscc)]
                .iter()
                .filter(|(_, v)| v.is_none())
                .map(|(f, _)| *f)
                .collect();
            return Err(Error::Input(format!(
                "{} {}",
                ctx.t(
                    "没有终端，无法询问；请提供参数：",
                    "no terminal to ask on; pass the applicant profile as flags:"
                ),
                missing.join(" ")
            )));
        }
    }
    if let Some(code) = &applicant.uscc {
        match uscc::validate(code) {
            Ok(norm) => applicant.uscc = Some(norm),
            Err(e) => {
                return Err(Error::Input(format!(
                    "--uscc {code:?}: {}",
                    e.message(ctx.lang)
                )));
            }
        }
    }
    // The directory is made only now that every answer is known and valid: a refused flag, a bad
    // USCC or a wizard left with Ctrl-C leaves nothing behind; so does a failed init of a
    // directory it made.
    let existed = dir.exists();
    std::fs::create_dir_all(&dir).map_err(|e| Error::storage_io(&dir, e))?;
    let ws = match Workspace::init(&dir, &applicant, authority.as_deref()) {
        Ok(ws) => ws,
        Err(e) => {
            if !existed {
                let _ = std::fs::remove_dir_all(&dir);
            }
            return Err(e);
        }
    };
    if authority.is_none() {
        let suggested = applicant
            .uscc
            .as_deref()
            .and_then(ccc_exempt::application::authority::suggested);
        ctx.status(&match (ctx.lang, suggested) {
            (ccc_exempt::Lang::Zh, Some(s)) => format!(
                "注意：未设置受理部门（authority），承诺书将写给泛称“市场监督管理部门”。按统一社会信用代码的行政区划建议：{s}（在 ccc-exempt.toml 中填写 authority，或用 --authority）"
            ),
            (ccc_exempt::Lang::En, Some(s)) => format!(
                "note: no authority set, the commitment letter would be addressed to the generic \"市场监督管理部门\". Suggested from the USCC's division code: {s} (set `authority` in ccc-exempt.toml, or pass --authority)"
            ),
            (ccc_exempt::Lang::Zh, None) => "注意：未设置受理部门（authority），承诺书将写给泛称“市场监督管理部门”；请在 ccc-exempt.toml 中填写 authority。".to_string(),
            (ccc_exempt::Lang::En, None) => "note: no authority set, the commitment letter would be addressed to the generic \"市场监督管理部门\"; set `authority` in ccc-exempt.toml".to_string(),
        });
    }
    ctx.status(&format!(
        "{} {}",
        ctx.t("已创建工作区：", "Created workspace"),
        ws.root.display()
    ));
    ctx.status(ctx.t(
        "下一步：ccc-exempt new <ID> --condition <research|repair|production-line|exhibition|export-assembly|other>",
        "Next: ccc-exempt new <ID> --condition <research|repair|production-line|exhibition|export-assembly|other>",
    ));
    Ok(0)
}

fn wizard(ctx: &Ctx, a: &mut Applicant, authority: &mut Option<String>) -> Result<()> {
    use dialoguer::Input;
    let err =
        |e: dialoguer::Error| Error::Input(format!("{}: {e}", ctx.t("无法询问", "prompt failed")));
    let ask = |prompt: &str, current: &Option<String>, required: bool| -> Result<Option<String>> {
        if current.is_some() {
            return Ok(current.clone());
        }
        let v: String = Input::new()
            .with_prompt(prompt)
            .allow_empty(!required)
            .interact_text()
            .map_err(err)?;
        Ok((!v.trim().is_empty()).then(|| v.trim().to_string()))
    };
    a.name = ask(
        ctx.t(
            "单位名称（与营业执照一致）",
            "Applicant name (as on the business licence)",
        ),
        &a.name,
        true,
    )?;
    loop {
        let v = ask(
            ctx.t("统一社会信用代码", "Unified social credit code"),
            &a.uscc,
            true,
        )?;
        match v.as_deref().map(uscc::validate) {
            Some(Ok(_)) => {
                a.uscc = v;
                break;
            }
            Some(Err(e)) => {
                eprintln!("{}", e.message(ctx.lang));
                a.uscc = None;
            }
            None => break,
        }
    }
    a.address = ask(ctx.t("地址", "Address"), &a.address, false)?;
    a.contact = ask(ctx.t("联系人", "Contact person"), &a.contact, false)?;
    a.phone = ask(ctx.t("联系电话", "Phone"), &a.phone, false)?;
    if authority.is_none() {
        let suggested = a
            .uscc
            .as_deref()
            .and_then(ccc_exempt::application::authority::suggested)
            .unwrap_or_default();
        let v: String = Input::new()
            .with_prompt(ctx.t(
                "受理的市场监管部门（承诺书抬头）",
                "Market-regulation department (letter addressee)",
            ))
            .default(suggested)
            .allow_empty(true)
            .interact_text()
            .map_err(err)?;
        *authority = (!v.trim().is_empty()).then(|| v.trim().to_string());
    }
    Ok(())
}
