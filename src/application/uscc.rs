//! The unified social credit code (统一社会信用代码), GB 32100-2015.
//!
//! 18 characters from `0123456789ABCDEFGHJKLMNPQRTUWXY` (no I, O, S, V, Z), value = index.
//! Weights for positions 1-17 are 3^(i-1) mod 31; the check value is (31 - Σ mod 31) mod 31.

const ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UsccError {
    Empty,
    /// The old 15-digit business registration number.
    OldRegistrationNumber,
    Length(usize),
    /// A character outside the alphabet, with its 1-based position.
    Character(char, usize),
    /// Positions 3-8 (administrative division) must be digits.
    Division(usize),
    /// The check character is wrong; the expected one.
    Check {
        found: char,
        expected: char,
    },
}

impl UsccError {
    pub fn message(&self, lang: crate::Lang) -> String {
        use crate::Lang::*;
        match (self, lang) {
            (UsccError::Empty, Zh) => "统一社会信用代码为空".into(),
            (UsccError::Empty, En) => "the unified social credit code is empty".into(),
            (UsccError::OldRegistrationNumber, Zh) => {
                "这是15位的旧工商注册号，不是统一社会信用代码；请填写营业执照上的18位代码".into()
            }
            (UsccError::OldRegistrationNumber, En) => {
                "this is an old 15-digit registration number, not a unified social credit code; use the 18-character code on the business licence".into()
            }
            (UsccError::Length(n), Zh) => format!("统一社会信用代码应为18位，实为{n}位"),
            (UsccError::Length(n), En) => {
                format!("a unified social credit code has 18 characters, this has {n}")
            }
            (UsccError::Character(c, i), Zh) => {
                format!("第{i}位字符“{c}”不在代码字符集内（不使用 I、O、S、V、Z）")
            }
            (UsccError::Character(c, i), En) => format!(
                "character {i} ({c:?}) is not allowed (the code never uses I, O, S, V or Z)"
            ),
            (UsccError::Division(i), Zh) => format!("第{i}位应为数字（第3–8位为行政区划码）"),
            (UsccError::Division(i), En) => {
                format!("character {i} must be a digit (positions 3-8 are the administrative division code)")
            }
            (UsccError::Check { found, expected }, Zh) => {
                format!("校验位错误：第18位为“{found}”，按 GB 32100-2015 应为“{expected}”；请核对是否抄错")
            }
            (UsccError::Check { found, expected }, En) => format!(
                "wrong check character: the 18th is {found:?}, GB 32100-2015 gives {expected:?}; check for a copying mistake"
            ),
        }
    }
}

/// Remove spaces and hyphens, fold full-width characters to ASCII and letters to upper case.
pub fn normalise(input: &str) -> String {
    input
        .chars()
        .filter_map(|c| {
            let c = match c {
                '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                '\u{3000}' => ' ',
                c => c,
            };
            (!c.is_whitespace() && c != '-').then(|| c.to_ascii_uppercase())
        })
        .collect()
}

/// The check character for the first 17 characters (already normalised and valid).
fn check_char(first17: &[usize]) -> char {
    let mut weight = 1usize;
    let mut sum = 0usize;
    for v in first17 {
        sum += v * weight;
        weight = weight * 3 % 31;
    }
    let check = (31 - sum % 31) % 31;
    ALPHABET.as_bytes()[check] as char
}

/// Validate a code; returns the normalised code.
pub fn validate(input: &str) -> Result<String, UsccError> {
    let code = normalise(input);
    let chars: Vec<char> = code.chars().collect();
    if chars.is_empty() {
        return Err(UsccError::Empty);
    }
    if chars.len() == 15 && chars.iter().all(|c| c.is_ascii_digit()) {
        return Err(UsccError::OldRegistrationNumber);
    }
    if chars.len() != 18 {
        return Err(UsccError::Length(chars.len()));
    }
    let mut values = Vec::with_capacity(18);
    for (i, c) in chars.iter().enumerate() {
        match ALPHABET.find(*c) {
            Some(v) => values.push(v),
            None => return Err(UsccError::Character(*c, i + 1)),
        }
    }
    if let Some(i) = (2..8).find(|i| !chars[*i].is_ascii_digit()) {
        return Err(UsccError::Division(i + 1));
    }
    let expected = check_char(&values[..17]);
    if chars[17] != expected {
        return Err(UsccError::Check {
            found: chars[17],
            expected,
        });
    }
    Ok(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vectors() {
        assert!(validate("91110108551385082Q").is_ok());
        assert!(validate("91350100M000100Y43").is_ok());
        assert_eq!(
            validate("91350100M000100Y4A"),
            Err(UsccError::Check {
                found: 'A',
                expected: '3'
            })
        );
        // Sum divisible by 31: check value 0.
        assert!(validate("9111000000000000G0").is_ok());
    }

    #[test]
    fn normalises_full_width_spaces_hyphens_case() {
        assert_eq!(
            validate("９１１１０１０８５５１３８５０８２Ｑ").unwrap(),
            "91110108551385082Q"
        );
        assert_eq!(
            validate(" 9111-0108 5513 8508 2q ").unwrap(),
            "91110108551385082Q"
        );
    }

    #[test]
    fn rejects_bad_shapes() {
        assert_eq!(validate(""), Err(UsccError::Empty));
        assert_eq!(
            validate("110108000000016"),
            Err(UsccError::OldRegistrationNumber)
        );
        assert_eq!(validate("9111010855138508"), Err(UsccError::Length(16)));
        assert_eq!(
            validate("91110108551385082I"),
            Err(UsccError::Character('I', 18))
        );
        assert_eq!(validate("911A0108551385082Q"), Err(UsccError::Division(4)));
    }

    #[test]
    fn every_single_character_change_is_caught() {
        let good: Vec<char> = "91110108551385082Q".chars().collect();
        for i in 0..18 {
            for c in ALPHABET.chars() {
                if c == good[i] {
                    continue;
                }
                let mut v = good.clone();
                v[i] = c;
                let s: String = v.into_iter().collect();
                assert!(validate(&s).is_err(), "{s} should be invalid");
            }
        }
    }
}
