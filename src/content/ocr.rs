//! What an OCR engine prints, read: Tesseract's TSV (`tesseract IMAGE - tsv`), or JSON words
//! with boxes (`[{"text", "x", "y", "w", "h"}]`, or the same under `"words"`) from any command
//! named in `[content] ocr_command`.

use super::Word;

/// The words of an engine's output, TSV or JSON.
pub fn parse(out: &str) -> Result<Vec<Word>, String> {
    let t = out.trim_start();
    if t.starts_with('[') || t.starts_with('{') {
        parse_json(t)
    } else {
        parse_tsv(out)
    }
}

fn parse_tsv(out: &str) -> Result<Vec<Word>, String> {
    let mut lines = out.lines();
    let header: Vec<&str> = lines
        .next()
        .ok_or("empty OCR output")?
        .split('\t')
        .collect();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h.trim() == name)
            .ok_or_else(|| format!("OCR TSV without a {name:?} column"))
    };
    let (left, top, width, height, text) = (
        col("left")?,
        col("top")?,
        col("width")?,
        col("height")?,
        col("text")?,
    );
    let conf = col("conf").ok();
    let mut words = Vec::new();
    for line in lines {
        let f: Vec<&str> = line.split('\t').collect();
        let Some(t) = f.get(text).map(|s| s.trim()) else {
            continue;
        };
        if t.is_empty()
            || conf
                .and_then(|c| f.get(c))
                .is_some_and(|c| c.trim() == "-1")
        {
            continue;
        }
        let num = |i: usize| {
            f.get(i)
                .and_then(|v| v.trim().parse::<f32>().ok())
                .unwrap_or(0.0)
        };
        words.push(Word {
            text: t.to_string(),
            x: num(left),
            y: num(top),
            w: num(width),
            h: num(height),
        });
    }
    Ok(words)
}

fn parse_json(out: &str) -> Result<Vec<Word>, String> {
    let v: serde_json::Value = serde_json::from_str(out).map_err(|e| format!("OCR JSON: {e}"))?;
    let arr = match &v {
        serde_json::Value::Array(a) => a,
        serde_json::Value::Object(o) => o
            .get("words")
            .and_then(|w| w.as_array())
            .ok_or("OCR JSON without \"words\"")?,
        _ => return Err("OCR JSON is neither a list nor an object".into()),
    };
    let f =
        |w: &serde_json::Value, k: &str| w.get(k).and_then(|v| v.as_f64()).unwrap_or(0.0) as f32;
    Ok(arr
        .iter()
        .filter_map(|w| {
            let text = w.get("text")?.as_str()?.trim().to_string();
            (!text.is_empty()).then(|| Word {
                text,
                x: f(w, "x"),
                y: f(w, "y"),
                w: f(w, "w"),
                h: f(w, "h"),
            })
        })
        .collect())
}

/// The words as text, a line break where a word starts left of the one before (a new line).
pub fn lines(words: &[Word]) -> String {
    let mut out = String::new();
    let mut last_x = f32::MIN;
    for w in words {
        if !out.is_empty() {
            out.push(if w.x < last_x { '\n' } else { ' ' });
        }
        out.push_str(&w.text);
        last_x = w.x;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tesseract_tsv_and_json_words_are_read() {
        let tsv = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n\
                   1\t1\t0\t0\t0\t0\t0\t0\t800\t600\t-1\t\n\
                   5\t1\t1\t1\t1\t1\t10\t20\t30\t12\t95.1\t型号\n\
                   5\t1\t1\t1\t1\t2\t50\t20\t40\t12\t91.0\tHX-26\n";
        let w = parse(tsv).unwrap();
        assert_eq!(w.len(), 2);
        assert_eq!((w[1].text.as_str(), w[1].x, w[1].h), ("HX-26", 50.0, 12.0));
        assert_eq!(lines(&w), "型号 HX-26");
        let j = parse(r#"{"words":[{"text":"电锤","x":1,"y":2,"w":3,"h":4}]}"#).unwrap();
        assert_eq!(j[0].text, "电锤");
        assert!(parse("nonsense").is_err());
    }
}
