//! Reading HTML form posts into typed inputs. A form sends every value as text; these helpers
//! turn the text into the input's types and note a field error for text that does not parse,
//! so the form comes back with a message next to the field instead of a rejected request.

use crate::errors::FieldError;
use crate::i18n::Msg;
use std::collections::HashMap;
use std::str::FromStr;

/// A posted form: field name → value (the last one wins; checkboxes repeat with `multi`).
#[derive(Clone, Debug, Default)]
pub struct FormData {
    pairs: Vec<(String, String)>,
    pub errors: Vec<FieldError>,
}

impl FormData {
    pub fn new(pairs: Vec<(String, String)>) -> Self {
        FormData {
            pairs,
            errors: Vec::new(),
        }
    }

    pub fn from_map(map: HashMap<String, String>) -> Self {
        FormData::new(map.into_iter().collect())
    }

    /// The trimmed text of a field, empty when absent.
    pub fn text(&self, name: &str) -> String {
        self.pairs
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    }

    /// A field's text exactly as sent (passwords keep their spaces).
    pub fn raw(&self, name: &str) -> String {
        self.pairs
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }

    /// Every value of a repeated field (checkbox groups).
    pub fn multi(&self, name: &str) -> Vec<String> {
        self.pairs
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.trim().to_string())
            .collect()
    }

    pub fn flag(&self, name: &str) -> bool {
        matches!(self.text(name).as_str(), "1" | "on" | "true" | "yes")
    }

    /// `None` when empty; a field error (`message`) when the text does not parse.
    pub fn parse<T: FromStr>(&mut self, name: &str, message: Msg) -> Option<T> {
        let text = self.text(name);
        if text.is_empty() {
            return None;
        }
        match text.parse() {
            Ok(v) => Some(v),
            Err(_) => {
                self.errors.push(FieldError {
                    field: name.to_string(),
                    message,
                });
                None
            }
        }
    }

    /// A coded choice (a `<select>`); an unknown code counts as no choice.
    pub fn code<T>(&self, name: &str, parse: impl Fn(&str) -> Option<T>) -> Option<T> {
        parse(&self.text(name))
    }
}

/// An input that a form post fills: read from the text (noting what does not parse) and
/// checked as a whole.
pub trait FormInput: Sized {
    fn from_form(form: &mut FormData) -> Self;
    fn validate(&self) -> Vec<FieldError>;

    /// The input, or every field's problem when some text did not parse (with the input's
    /// other checks, so the form shows them all at once). The domain checks the rest.
    fn read(pairs: Vec<(String, String)>) -> Result<Self, Vec<FieldError>> {
        let mut form = FormData::new(pairs);
        let input = Self::from_form(&mut form);
        if form.errors.is_empty() {
            return Ok(input);
        }
        let mut all = form.errors;
        for e in input.validate() {
            push_error(&mut all, &e.field, e.message);
        }
        Err(all)
    }
}

/// Adds `message` for `field` unless that field already has one.
pub fn push_error(errors: &mut Vec<FieldError>, field: &str, message: Msg) {
    if !errors.iter().any(|e| e.field == field) {
        errors.push(FieldError {
            field: field.to_string(),
            message,
        });
    }
}

/// A filter's query string (`k=v&…`, without the `?`): the non-empty values, percent-encoded.
pub fn query_string(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", crate::form::encode_component(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// A filter's year as typed: empty for `current`, else 2020 … `current` (an error on `year`
/// otherwise, and `current` in its place).
pub fn filter_year(errors: &mut Vec<FieldError>, text: &str, current: i32) -> i32 {
    match text.trim() {
        "" => current,
        y => match y.parse::<i32>() {
            Ok(y) if (crate::bases::FIRST_YEAR..=current).contains(&y) => y,
            _ => {
                push_error(errors, "year", Msg::ErrYearOutOfRange);
                current
            }
        },
    }
}

/// A filter's chosen id as typed: empty for none, else a positive number (an error on `field`
/// otherwise).
pub fn filter_id(errors: &mut Vec<FieldError>, field: &str, text: &str) -> Option<i32> {
    match text.trim() {
        "" => None,
        t => match t.parse::<i32>() {
            Ok(n) if n > 0 => Some(n),
            _ => {
                push_error(errors, field, Msg::ErrChoose);
                None
            }
        },
    }
}

/// The number of characters (not bytes) in a text.
pub fn chars(text: &str) -> usize {
    text.chars().count()
}

/// Checks a required text's length in characters.
/// "Too long", saying the limit (`max` characters) where the product uses that limit.
pub fn too_long(max: usize) -> Msg {
    match max {
        10 => Msg::ErrTooLong10,
        20 => Msg::ErrTooLong20,
        30 => Msg::ErrTooLong30,
        32 => Msg::ErrTooLong32,
        50 => Msg::ErrTooLong50,
        60 => Msg::ErrTooLong60,
        64 => Msg::ErrTooLong64,
        100 => Msg::ErrTooLong100,
        200 => Msg::ErrTooLong200,
        500 => Msg::ErrTooLong500,
        1000 => Msg::ErrTooLong1000,
        2000 => Msg::ErrTooLong2000,
        5000 => Msg::ErrTooLong5000,
        _ => Msg::ErrTooLong,
    }
}

pub fn check_text(
    errors: &mut Vec<FieldError>,
    field: &str,
    text: &str,
    required: bool,
    max: usize,
) {
    let n = chars(text.trim());
    if required && n == 0 {
        push_error(errors, field, Msg::ErrRequired);
    } else if n > max {
        push_error(errors, field, too_long(max));
    } else if text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
    {
        push_error(errors, field, Msg::ErrInvalidInput);
    }
}

/// Percent-encodes a path and query for use inside a query parameter (`?next=`).
pub fn encode_component(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_notes_bad_values() {
        let mut form = FormData::new(vec![
            ("capacity".into(), " 40 ".into()),
            ("hours".into(), "abc".into()),
            ("tag".into(), "a".into()),
            ("tag".into(), "b".into()),
            ("empty".into(), "".into()),
        ]);
        assert_eq!(form.parse::<i32>("capacity", Msg::ErrNumber), Some(40));
        assert_eq!(form.parse::<f64>("hours", Msg::ErrNumber), None);
        assert_eq!(form.parse::<i32>("empty", Msg::ErrNumber), None);
        assert_eq!(form.parse::<i32>("missing", Msg::ErrNumber), None);
        assert_eq!(form.errors.len(), 1);
        assert_eq!(form.errors[0].field, "hours");
        assert_eq!(form.multi("tag"), vec!["a", "b"]);
    }

    #[test]
    fn too_long_says_the_limit() {
        for n in [10, 20, 30, 32, 50, 60, 64, 100, 200, 500, 1000, 2000, 5000] {
            for locale in crate::i18n::Locale::ALL {
                assert!(locale.t(too_long(n)).contains(&n.to_string()), "{n}");
            }
        }
        assert_eq!(too_long(7), Msg::ErrTooLong);
    }

    #[test]
    fn text_checks() {
        let mut errors = Vec::new();
        check_text(&mut errors, "a", "  ", true, 10);
        check_text(&mut errors, "b", "十一个字十一个字十一个", true, 10);
        check_text(&mut errors, "c", "ok", true, 10);
        check_text(&mut errors, "d", "bad\u{0}", true, 10);
        let fields: Vec<_> = errors
            .iter()
            .map(|e| (e.field.as_str(), e.message))
            .collect();
        assert_eq!(
            fields,
            vec![
                ("a", Msg::ErrRequired),
                ("b", Msg::ErrTooLong10),
                ("d", Msg::ErrInvalidInput)
            ]
        );
    }
}
