//! The comparison table (申请CCC免办产品与强制性产品认证目录对照表, 附件2-2), as XLSX (title row
//! with the applicant and the date, frozen header, widths that fit Chinese, a seal and date row)
//! and as CSV with a UTF-8 BOM.

use chrono::Datelike;
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, XlsxError,
};

use super::{DocumentInput, csv_with_bom, date_zh, display_width};
use crate::catalogue::Lookup;
use crate::error::{Error, Result};
use crate::util::dos_time::DosTime;

pub const TITLE: &str = "申请CCC免办产品与强制性产品认证目录对照表";
pub const ANNEX: &str = "附件2-2";
pub const COLUMNS: [&str; 9] = [
    "序号",
    "产品名称",
    "规格型号",
    "数量",
    "单位",
    "HS编码",
    "目录大类",
    "目录产品种类及代码",
    "界定依据/说明",
];

/// One line of the table.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TableRow {
    pub no: usize,
    pub name: String,
    pub model: String,
    pub quantity: Option<i64>,
    pub unit: String,
    pub hs_code: String,
    /// 目录大类, e.g. `五、电动工具`.
    pub category: String,
    /// 目录产品种类及代码, e.g. `电锤（0506）`.
    pub product: String,
    pub reason: String,
}

impl TableRow {
    pub fn cells(&self) -> Vec<String> {
        vec![
            self.no.to_string(),
            self.name.clone(),
            self.model.clone(),
            self.quantity.map(|q| q.to_string()).unwrap_or_default(),
            self.unit.clone(),
            self.hs_code.clone(),
            self.category.clone(),
            self.product.clone(),
            self.reason.clone(),
        ]
    }
}

fn text(v: &Option<String>) -> String {
    v.as_deref().map(str::trim).unwrap_or("").to_string()
}

/// The rows, one per product line, with the catalogue's words for each code.
pub fn rows(input: &DocumentInput<'_>) -> Vec<TableRow> {
    input
        .app
        .products
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let code = text(&p.ccc_code);
            let (category, product, note) = match input.catalogue.lookup(&code) {
                Lookup::InScope(e) => (
                    format!("{}、{}", e.category_no_zh, e.category_name_zh),
                    format!("{}（{}）", e.name_zh, e.code),
                    None,
                ),
                Lookup::Removed(r) => (
                    String::new(),
                    format!("{}（{}）", r.name_zh, r.code),
                    Some(format!("注：该代码已移出CCC目录（{}）", r.removed_by)),
                ),
                Lookup::Unknown => (
                    String::new(),
                    code.clone(),
                    (!code.is_empty())
                        .then(|| "注：目录数据中无此代码，请对照官方目录核实".to_string()),
                ),
            };
            let mut reason = text(&p.ccc_reason);
            if let Some(n) = note {
                if !reason.is_empty() {
                    reason.push('；');
                }
                reason.push_str(&n);
            }
            TableRow {
                no: i + 1,
                name: text(&p.name),
                model: text(&p.model),
                quantity: p.quantity,
                unit: text(&p.unit),
                hs_code: text(&p.hs_code),
                category,
                product,
                reason,
            }
        })
        .collect()
}

/// The CSV: a header row and one row per product (UTF-8 with BOM).
pub fn render_csv(input: &DocumentInput<'_>) -> Vec<u8> {
    let mut all = vec![COLUMNS.iter().map(|s| s.to_string()).collect::<Vec<_>>()];
    all.extend(rows(input).iter().map(TableRow::cells));
    csv_with_bom(&all)
}

fn xerr(e: XlsxError) -> Error {
    Error::Storage(format!("cannot write the XLSX: {e}"))
}

/// The XLSX bytes.
pub fn render_xlsx(input: &DocumentInput<'_>, time: DosTime) -> Result<Vec<u8>> {
    let rows = rows(input);
    let applicant = input.app.applicant.name.as_deref().unwrap_or("").trim();
    let mut wb = Workbook::new();
    let d = input.date;
    let created = ExcelDateTime::from_ymd(
        d.year().clamp(1900, 9999) as u16,
        d.month() as u8,
        d.day() as u8,
    )
    .map_err(xerr)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title(TITLE)
            .set_author(applicant)
            .set_creation_datetime(&created),
    );
    let ws = wb.add_worksheet();
    ws.set_name("对照表").map_err(xerr)?;
    let font = "宋体";
    let title_f = Format::new()
        .set_font_name(font)
        .set_font_size(16)
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter);
    let info_f = Format::new().set_font_name(font).set_font_size(11);
    let head_f = Format::new()
        .set_font_name(font)
        .set_font_size(11)
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_border(FormatBorder::Thin)
        .set_background_color(0xD9D9D9);
    let cell_f = Format::new()
        .set_font_name(font)
        .set_font_size(11)
        .set_text_wrap()
        .set_align(FormatAlign::VerticalCenter)
        .set_border(FormatBorder::Thin);
    let num_f = cell_f.clone().set_align(FormatAlign::Center);
    let last_col = (COLUMNS.len() - 1) as u16;

    ws.write_string_with_format(0, 0, ANNEX, &info_f)
        .map_err(xerr)?;
    ws.merge_range(1, 0, 1, last_col, TITLE, &title_f)
        .map_err(xerr)?;
    ws.set_row_height(1, 30).map_err(xerr)?;
    ws.merge_range(
        2,
        0,
        2,
        last_col,
        &format!("申请单位：{applicant}        日期：{}", date_zh(d)),
        &info_f,
    )
    .map_err(xerr)?;
    let header_row = 3u32;
    for (c, h) in COLUMNS.iter().enumerate() {
        ws.write_string_with_format(header_row, c as u16, *h, &head_f)
            .map_err(xerr)?;
    }
    ws.set_row_height(header_row, 30).map_err(xerr)?;
    // Widths in characters, Chinese counting two; long reasons wrap at 40.
    let mut widths: Vec<usize> = COLUMNS.iter().map(|h| display_width(h) + 2).collect();
    for (i, r) in rows.iter().enumerate() {
        let row = header_row + 1 + i as u32;
        for (c, v) in r.cells().iter().enumerate() {
            widths[c] = widths[c].max(display_width(v) + 2);
            if c == 3 {
                match r.quantity {
                    Some(q) => ws.write_number_with_format(row, 3, q as f64, &num_f),
                    None => ws.write_string_with_format(row, 3, "", &num_f),
                }
                .map_err(xerr)?;
            } else if c == 0 {
                ws.write_number_with_format(row, 0, r.no as f64, &num_f)
                    .map_err(xerr)?;
            } else {
                ws.write_string_with_format(row, c as u16, v, &cell_f)
                    .map_err(xerr)?;
            }
        }
    }
    for (c, w) in widths.iter().enumerate() {
        let cap = if c == COLUMNS.len() - 1 { 44 } else { 30 };
        ws.set_column_width(c as u16, (*w).min(cap) as f64)
            .map_err(xerr)?;
    }
    let seal_row = header_row + 2 + rows.len() as u32;
    ws.merge_range(
        seal_row,
        0,
        seal_row,
        last_col,
        &format!(
            "申请单位（盖章）：{applicant}                    日期：{}",
            date_zh(d)
        ),
        &info_f,
    )
    .map_err(xerr)?;
    ws.set_row_height(seal_row, 40).map_err(xerr)?;
    ws.set_freeze_panes(header_row + 1, 0).map_err(xerr)?;
    ws.set_repeat_rows(header_row, header_row).map_err(xerr)?;
    ws.set_landscape();
    ws.set_paper_size(9); // A4
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
    let bytes = wb.save_to_buffer().map_err(xerr)?;
    super::ooxml::normalise(&bytes, time)
        .map_err(|e| Error::Storage(format!("cannot write the XLSX: {e}")))
}
