//! `app submit|approve|reject`: record what the official system decided.

use super::Ctx;
use ccc_exempt::{Error, Result};

#[derive(Debug, clap::Args)]
pub struct SubmitArgs {
    /// The application ID.
    pub id: String,
}

#[derive(Debug, clap::Args)]
pub struct ApproveArgs {
    /// The application ID.
    pub id: String,
    /// The certificate number (证明号).
    #[arg(long)]
    pub cert_no: String,
    /// The issue date (YYYY-MM-DD).
    #[arg(long)]
    pub issued: String,
    /// Certified quantity of a product line when it differs from the applied one (LINE=N, lines from 1).
    #[arg(long = "quantity", value_name = "LINE=N")]
    pub quantities: Vec<String>,
}

#[derive(Debug, clap::Args)]
pub struct RejectArgs {
    /// The application ID.
    pub id: String,
    /// The reason the authority gave.
    #[arg(long)]
    pub reason: String,
}

pub fn submit(_ctx: &Ctx, _a: SubmitArgs) -> Result<i32> {
    Err(Error::Input("not implemented yet".into()))
}

pub fn approve(_ctx: &Ctx, _a: ApproveArgs) -> Result<i32> {
    Err(Error::Input("not implemented yet".into()))
}

pub fn reject(_ctx: &Ctx, _a: RejectArgs) -> Result<i32> {
    Err(Error::Input("not implemented yet".into()))
}
