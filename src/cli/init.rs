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
    std::fs::create_dir_all(&dir).map_err(|e| Error::storage_io(&dir, e))?;
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
    let ws = Workspace::init(&dir, &applicant, authority.as_deref())?;
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
    let err = |e: dialoguer::Error| Error::Input(format!("prompt failed: {e}"));
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
    *authority = ask(
        ctx.t(
            "受理的市场监管部门（承诺书抬头）",
            "Market-regulation department (letter addressee)",
        ),
        authority,
        false,
    )?;
    Ok(())
}
