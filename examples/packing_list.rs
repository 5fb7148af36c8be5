//! Writes `examples/packing-list.xlsx`: the packing list (装箱单) of a shipment of repair parts
//! for the demo company, as a supplier's Excel sheet looks — a merged title row and a document
//! line above the Chinese header, a serial-number and an amount column the tool does not use, a
//! quantity stored as text, formulas, a total row — with 20 product lines, 13 of them with their
//! CCC code and 7 without, for `new --products` to suggest candidates.
//!
//! ```sh
//! cargo run --example packing_list                       # examples/packing-list.xlsx
//! cargo run --example packing_list -- -o big.xlsx --lines 2000
//! ```
//!
//! With `--lines N` the 20 lines repeat with numbered models (bench/intake.sh). The output is the
//! same bytes on every run (fixed document date).

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, Formula, Workbook};

/// 品名, 规格型号, 品牌, 制造商, 原产国, 数量, 单位, 单价, 币种, HS编码, CCC代码, 界定依据.
type Line = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    u32,
    &'static str,
    f64,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

const LINES: [Line; 20] = [
    (
        "插头插座",
        "PS-16A-3P",
        "VOLTRA",
        "Voltra Elektro GmbH",
        "DE",
        10,
        "套",
        6.8,
        "EUR",
        "8536690000",
        "0201",
        "额定电流16A、额定电压250V～的单相三极插头插座，属目录第二大类“插头插座”（0201）",
    ),
    (
        "墙壁开关",
        "WS-10A-1G",
        "VOLTRA",
        "Voltra Elektro GmbH",
        "DE",
        6,
        "个",
        4.5,
        "EUR",
        "8536500000",
        "0202",
        "额定电流10A、额定电压250V～的固定式电气装置用开关，属目录第二大类（0202）",
    ),
    (
        "器具耦合器",
        "KE-C14-10",
        "CUCINOVA",
        "Cucinova S.r.l.",
        "IT",
        6,
        "个",
        4.2,
        "EUR",
        "8536690000",
        "",
        "",
    ),
    (
        "熔断体",
        "ST520-T2A",
        "SCHURTEC",
        "Schurtec AG",
        "DE",
        20,
        "只",
        0.35,
        "EUR",
        "8536100000",
        "",
        "",
    ),
    (
        "风机电动机",
        "RM-120/4",
        "CUCINOVA",
        "Cucinova S.r.l.",
        "IT",
        4,
        "台",
        95.0,
        "EUR",
        "8501409000",
        "",
        "",
    ),
    (
        "小功率电动机",
        "M63-4B-90W",
        "KOSMO",
        "Kosmo Motor Co., Ltd.",
        "JP",
        2,
        "台",
        18500.0,
        "JPY",
        "8501409000",
        "0401",
        "单相电容运转异步电动机，额定电压220V～，额定功率90W，属目录第四大类“小功率电动机”（0401）",
    ),
    (
        "电钻",
        "BD-13RE",
        "HANKO",
        "Hanko Werkzeuge GmbH",
        "DE",
        3,
        "台",
        86.0,
        "EUR",
        "8467211000",
        "",
        "",
    ),
    (
        "电锤",
        "HX-26",
        "HANKO",
        "Hanko Werkzeuge GmbH",
        "DE",
        2,
        "台",
        142.5,
        "EUR",
        "8467219000",
        "0506",
        "手持式电锤，额定电压220V～，属目录第五大类电动工具“电锤”（0506）",
    ),
    (
        "电动砂轮机",
        "AG-125",
        "HANKO",
        "Hanko Werkzeuge GmbH",
        "DE",
        3,
        "台",
        64.0,
        "EUR",
        "8467291000",
        "",
        "",
    ),
    (
        "直流弧焊机",
        "DC-400",
        "FERRAWELD",
        "Ferraweld S.p.A.",
        "IT",
        1,
        "台",
        2350.0,
        "EUR",
        "8515319000",
        "0603",
        "额定焊接电流400A的直流手工电弧焊机，属目录第六大类电焊机“直流弧焊机”（0603）",
    ),
    (
        "TIG弧焊机",
        "TIG-315P",
        "FERRAWELD",
        "Ferraweld S.p.A.",
        "IT",
        1,
        "台",
        3120.0,
        "EUR",
        "8515319000",
        "",
        "",
    ),
    (
        "MIG/MAG弧焊机",
        "MIG-350",
        "FERRAWELD",
        "Ferraweld S.p.A.",
        "IT",
        1,
        "台",
        2980.0,
        "EUR",
        "8515319000",
        "0605",
        "额定焊接电流350A的熔化极气体保护弧焊机，属目录第六大类电焊机“MIG/MAG弧焊机”（0605）",
    ),
    (
        "等离子弧切割机",
        "PC-60",
        "FERRAWELD",
        "Ferraweld S.p.A.",
        "IT",
        1,
        "台",
        1890.0,
        "EUR",
        "8456401000",
        "0607",
        "额定切割电流60A的空气等离子弧切割机，属目录第六大类电焊机“等离子弧切割机”（0607）",
    ),
    (
        "电气控制柜",
        "CP-800",
        "VOLTRA",
        "Voltra Elektro GmbH",
        "DE",
        1,
        "台",
        4600.0,
        "EUR",
        "8537109000",
        "0301",
        "额定电压400V的低压成套开关设备（焊接工位电气控制柜），属目录第三大类“低压成套开关设备”（0301）",
    ),
    (
        "电源线组件",
        "PC-C13-1.8M",
        "VOLTRA",
        "Voltra Elektro GmbH",
        "DE",
        10,
        "根",
        3.1,
        "EUR",
        "8544429000",
        "",
        "",
    ),
    (
        "插头插座",
        "PS-32A-5P",
        "VOLTRA",
        "Voltra Elektro GmbH",
        "DE",
        8,
        "套",
        21.75,
        "EUR",
        "8536690000",
        "0201",
        "额定电流32A、额定电压400V～的三相五极插头插座，属目录第二大类“插头插座”（0201）",
    ),
    (
        "电线组件",
        "IC-C19-2M",
        "VOLTRA",
        "Voltra Elektro GmbH",
        "DE",
        6,
        "根",
        7.4,
        "EUR",
        "8544429000",
        "0101",
        "带C19连接器的互连软线组件，额定电压250V～，属目录第一大类“电线组件”（0101）",
    ),
    (
        "小功率电动机",
        "M71-2C-250W",
        "KOSMO",
        "Kosmo Motor Co., Ltd.",
        "JP",
        2,
        "台",
        26800.0,
        "JPY",
        "8501409000",
        "0401",
        "三相异步电动机，额定电压380V，额定功率250W，属目录第四大类“小功率电动机”（0401）",
    ),
    (
        "器具耦合器",
        "KE-C20-16",
        "CUCINOVA",
        "Cucinova S.r.l.",
        "IT",
        4,
        "个",
        5.6,
        "EUR",
        "8536690000",
        "0204",
        "额定电流16A、额定电压250V～的器具耦合器（器具输入插座），属目录第二大类“器具耦合器”（0204）",
    ),
    (
        "墙壁开关",
        "WS-16A-2G",
        "VOLTRA",
        "Voltra Elektro GmbH",
        "DE",
        6,
        "个",
        7.9,
        "EUR",
        "8536500000",
        "0202",
        "额定电流16A、额定电压250V～的双联固定式电气装置用开关，属目录第二大类（0202）",
    ),
];

const HEADERS: [&str; 15] = [
    "序号",
    "品名",
    "规格型号",
    "品牌",
    "制造商",
    "原产国",
    "数量",
    "单位",
    "单价",
    "币种",
    "金额",
    "HS编码",
    "CCC代码",
    "界定依据",
    "备注",
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut out = String::from("examples/packing-list.xlsx");
    let mut count = LINES.len();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "-o" => out = args.next().ok_or("-o FILE")?,
            "--lines" => count = args.next().ok_or("--lines N")?.parse()?,
            _ => return Err(format!("unknown argument {a:?} (use -o FILE, --lines N)").into()),
        }
    }
    let mut wb = Workbook::new();
    wb.set_properties(
        &DocProperties::new()
            .set_title("装箱单 Packing List")
            .set_creation_datetime(&ExcelDateTime::from_ymd(2026, 11, 10)?),
    );
    let ws = wb.add_worksheet();
    ws.set_name("装箱单")?;
    let title = Format::new()
        .set_bold()
        .set_font_size(16)
        .set_align(FormatAlign::Center);
    let bold = Format::new().set_bold().set_align(FormatAlign::Center);
    let price = Format::new().set_num_format("#,##0.00");
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let last_col = HEADERS.len() as u16 - 1;
    ws.merge_range(0, 0, 0, last_col, "装箱单 PACKING LIST", &title)?;
    ws.write(1, 0, "发票号")?;
    ws.write(1, 1, "CN-2026-04512")?;
    ws.write(1, 3, "日期")?;
    ws.write_datetime_with_format(1, 4, ExcelDateTime::from_ymd(2026, 11, 10)?, &date)?;
    ws.write(1, 6, "收货人")?;
    ws.write(1, 7, "苏州恒拓精密电器有限公司")?;
    for (c, h) in HEADERS.iter().enumerate() {
        ws.write_with_format(2, c as u16, *h, &bold)?;
    }
    let mut total_qty: u64 = 0;
    for i in 0..count {
        let l = &LINES[i % LINES.len()];
        let r = 3 + i as u32;
        let model = if count > LINES.len() {
            format!("{}-{:04}", l.1, i + 1)
        } else {
            l.1.to_string()
        };
        ws.write(r, 0, (i + 1) as u32)?;
        ws.write(r, 1, l.0)?;
        ws.write(r, 2, model.as_str())?;
        ws.write(r, 3, l.2)?;
        ws.write(r, 4, l.3)?;
        ws.write(r, 5, l.4)?;
        // The supplier typed one quantity into a text-formatted cell.
        if i == 4 {
            ws.write(r, 6, l.5.to_string())?;
        } else {
            ws.write(r, 6, l.5)?;
        }
        ws.write(r, 7, l.6)?;
        ws.write_number_with_format(r, 8, l.7, &price)?;
        ws.write(r, 9, l.8)?;
        let amount = l.5 as f64 * l.7;
        ws.write_formula_with_format(
            r,
            10,
            Formula::new(format!("=G{}*I{}", r + 1, r + 1)).set_result(amount.to_string()),
            &price,
        )?;
        ws.write(r, 11, l.9)?;
        if !l.10.is_empty() {
            ws.write(r, 12, l.10)?;
        }
        if !l.11.is_empty() {
            ws.write(r, 13, l.11)?;
        }
        total_qty += u64::from(l.5);
    }
    let foot = 3 + count as u32;
    ws.write_with_format(foot, 0, "合计", &bold)?;
    ws.write_formula(
        foot,
        6,
        Formula::new(format!("=SUM(G4:G{foot})")).set_result(total_qty.to_string()),
    )?;
    ws.set_column_width(1, 16)?;
    ws.set_column_width(2, 14)?;
    ws.set_column_width(4, 24)?;
    ws.set_column_width(13, 60)?;
    wb.save(&out)?;
    eprintln!("wrote {out} ({count} lines)");
    Ok(())
}
