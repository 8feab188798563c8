//! Property-based fuzzing of what reads untrusted input: uploaded sheets (CSV in any encoding,
//! .xlsx and broken copies of it), the two importers' row readers, and the ID-number and
//! credit-code validators. Each property runs `PROPTEST_CASES` generated inputs (256 by
//! default in `make test`; `make fuzz` runs many more for a bounded time). A failing input
//! is shrunk and saved by proptest under `proptest-regressions/`; fixed ones are kept here as
//! unit tests.
//!
//! `cargo fuzz` (libFuzzer) needs a nightly compiler; these properties run on stable.

use super::entities::{course_sessions, towns};
use super::identity::{
    credit_code_check_char, credit_code_is_valid, id_check_char, mask_id_number,
    normalise_id_number, parse_id_number,
};
use super::sheets::{self, Cell};
use crate::entities::Coded;
use model::enums::TownKind;
use proptest::prelude::*;

/// Text an uploader might type into a cell: Chinese, ASCII, digits, punctuation that means
/// something to CSV, and whitespace.
fn cell_text() -> impl Strategy<Value = String> {
    "[一-龥a-zA-Z0-9 ,\"'\\t\\r\\n=+@;-]{0,12}"
}

/// Cells that survive a round trip as they are: no surrounding whitespace, no formula start
/// (those are neutralised on the way out), no delimiter confusion.
fn plain_cell() -> impl Strategy<Value = String> {
    "[一-龥a-zA-Z0-9][一-龥a-zA-Z0-9 ,\"]{0,10}[一-龥a-zA-Z0-9]"
}

fn plain_table() -> impl Strategy<Value = (Vec<String>, Vec<Vec<String>>)> {
    (1usize..6).prop_flat_map(|columns| {
        (
            proptest::collection::vec(plain_cell(), columns),
            proptest::collection::vec(proptest::collection::vec(plain_cell(), columns), 0..20),
        )
    })
}

fn texts(sheet: &sheets::Sheet) -> Vec<Vec<String>> {
    sheet
        .rows
        .iter()
        .map(|(_, cells)| cells.iter().map(Cell::text).collect())
        .collect()
}

fn towns() -> Vec<towns::Model> {
    [("yingchuan", "颍川街道"), ("shenhou", "神垕镇")]
        .iter()
        .enumerate()
        .map(|(i, (code, name))| towns::Model {
            id: i as i32 + 1,
            code: code.to_string(),
            name_zh: name.to_string(),
            name_en: code.to_string(),
            kind: Coded(TownKind::Town),
            sort_order: i as i32,
        })
        .collect()
}

fn sessions() -> Vec<course_sessions::Model> {
    let day = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).expect("date");
    (0..3)
        .map(|i| {
            let starts = super::local_time::at(
                day + chrono::Duration::days(i),
                chrono::NaiveTime::from_hms_opt(9, 0, 0).expect("time"),
            );
            course_sessions::Model {
                id: i as i32 + 1,
                course_id: 1,
                starts_at: starts,
                ends_at: starts + chrono::Duration::hours(3),
                topic: "开店".into(),
                hours: 3.0,
                place: None,
                checkin_secret: None,
            }
        })
        .collect()
}

/// An ID number with a correct check character for a birth date and sequence.
fn id_number(area: u32, birth: chrono::NaiveDate, order: u32) -> String {
    let first17 = format!("{area:06}{}{order:03}", birth.format("%Y%m%d"));
    let check = id_check_char(&first17).expect("17 digits");
    format!("{first17}{check}")
}

const CREDIT_CHARS: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256)
    ))]

    /// Any bytes at all: an answer, never a panic.
    #[test]
    fn reading_any_bytes_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = sheets::read(&bytes);
        let _ = sheets::decode_text(&bytes);
    }

    /// Text cut into cells any way: an answer, and the lines named are in file order.
    #[test]
    fn any_delimited_text_reads_in_order(cells in proptest::collection::vec(cell_text(), 0..60)) {
        let text = cells.join(",");
        if let Ok(sheet) = sheets::read(text.as_bytes()) {
            let lines: Vec<u32> = sheet.rows.iter().map(|(l, _)| *l).collect();
            prop_assert!(lines.windows(2).all(|w| w[0] < w[1]), "lines {lines:?}");
        }
    }

    /// A table written as CSV (UTF-8, GBK, or UTF-16 as Excel saves it) reads back the same.
    #[test]
    fn csv_round_trips_in_each_encoding((header, rows) in plain_table(), encoding in 0..3u8) {
        let head: Vec<&str> = header.iter().map(String::as_str).collect();
        let utf8 = sheets::write_csv(&head, &rows);
        let text = String::from_utf8(utf8.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&utf8).to_vec())
            .expect("utf-8");
        let bytes = match encoding {
            0 => utf8.clone(),
            1 => encoding_rs::GBK.encode(&text).0.into_owned(),
            _ => {
                let mut b = vec![0xFF, 0xFE];
                for unit in text.encode_utf16() {
                    b.extend(unit.to_le_bytes());
                }
                b
            }
        };
        // GBK bytes that are also valid UTF-8 reading as plausible text are ambiguous by
        // nature (`sheets::plausible_text` decides; a UTF-8 reading wins), so not a round trip.
        prop_assume!(
            encoding != 1 || std::str::from_utf8(&bytes).map_or(true, |t| !sheets::plausible_text(t))
        );
        let sheet = sheets::read(&bytes).expect("a written table reads");
        prop_assert_eq!(&sheet.header, &header);
        prop_assert_eq!(texts(&sheet), rows);
    }

    /// A table written as .xlsx reads back the same.
    #[test]
    fn xlsx_round_trips((header, rows) in plain_table()) {
        let head: Vec<&str> = header.iter().map(String::as_str).collect();
        let bytes = sheets::write_xlsx("表", &head, &rows).expect("write");
        let sheet = sheets::read(&bytes).expect("a written workbook reads");
        prop_assert_eq!(&sheet.header, &header);
        prop_assert_eq!(texts(&sheet), rows);
    }

    /// A real workbook with bytes changed or cut off: an answer, never a panic.
    #[test]
    fn a_damaged_workbook_never_panics(
        (header, rows) in plain_table(),
        changes in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..24),
        cut in proptest::option::of(any::<prop::sample::Index>()),
    ) {
        let head: Vec<&str> = header.iter().map(String::as_str).collect();
        let mut bytes = sheets::write_xlsx("表", &head, &rows).expect("write");
        for (at, byte) in changes {
            let i = at.index(bytes.len());
            bytes[i] = byte;
        }
        if let Some(cut) = cut {
            bytes.truncate(cut.index(bytes.len()));
        }
        let _ = sheets::read(&bytes);
    }

    /// The trainee importer's row reader takes any sheet with any headings and cells.
    #[test]
    fn the_trainee_importer_reads_any_sheet(
        header in proptest::collection::vec(
            prop_oneof!["姓名", "身份证号", "手机号", "乡镇", "性别", "学历", cell_text()], 0..8),
        rows in proptest::collection::vec(proptest::collection::vec(
            prop_oneof![
                cell_text().prop_map(Cell::Text),
                any::<f64>().prop_map(Cell::Number),
                Just(Cell::Empty),
            ], 0..9), 0..12),
    ) {
        let sheet = sheets::Sheet {
            header,
            rows: rows.into_iter().enumerate().map(|(i, r)| (i as u32 + 2, r)).collect(),
        };
        let _ = super::imports::parse_rows(&sheet, &towns());
    }

    /// The attendance importer's row reader takes any sheet, headings naming sessions or not.
    #[test]
    fn the_attendance_importer_reads_any_sheet(
        header in proptest::collection::vec(
            prop_oneof!["姓名", "身份证号", "手机号", "3月2日", "2026-03-03 09:00", "3/4", cell_text()],
            0..8),
        rows in proptest::collection::vec(proptest::collection::vec(
            prop_oneof![
                prop_oneof!["√", "✓", "出勤", "缺勤", "请假", "迟到", "x"].prop_map(Cell::Text),
                cell_text().prop_map(Cell::Text),
                any::<f64>().prop_map(Cell::Number),
                Just(Cell::Empty),
            ], 0..9), 0..12),
    ) {
        let sheet = sheets::Sheet {
            header,
            rows: rows.into_iter().enumerate().map(|(i, r)| (i as u32 + 2, r)).collect(),
        };
        let _ = super::attendance_import::parse_rows(&sheet, &sessions());
    }

    /// Any text: the ID-number functions answer without panicking.
    #[test]
    fn id_number_functions_take_any_text(s in "\\PC{0,24}") {
        let _ = parse_id_number(&s);
        let _ = mask_id_number(&s);
        let _ = normalise_id_number(&s);
        let _ = id_check_char(&s);
    }

    /// A well-formed ID number is accepted with its birth date and sex; changing any one
    /// character of it is caught (ISO 7064 MOD 11-2 catches every single substitution).
    #[test]
    fn id_numbers_are_accepted_and_any_one_changed_character_is_caught(
        area in 100_000u32..900_000,
        days in 0i64..40_000,
        order in 0u32..1000,
        at in 0usize..18,
        to in prop::sample::select(b"0123456789X".to_vec()),
    ) {
        let birth = chrono::NaiveDate::from_ymd_opt(1920, 1, 1).expect("date")
            + chrono::Duration::days(days);
        prop_assume!(birth <= chrono::Utc::now().date_naive());
        let id = id_number(area, birth, order);
        let facts = parse_id_number(&id).expect("a well-formed number");
        prop_assert_eq!(facts.birth_date, birth);
        prop_assert_eq!(facts.male, order % 2 == 1);
        let mut changed = id.clone().into_bytes();
        prop_assume!(changed[at] != to);
        changed[at] = to;
        let changed = String::from_utf8(changed).expect("ascii");
        prop_assert_eq!(parse_id_number(&changed), None);
    }

    /// Any text: the credit-code functions answer without panicking.
    #[test]
    fn credit_code_functions_take_any_text(s in "\\PC{0,24}") {
        let _ = credit_code_is_valid(&s);
        let _ = credit_code_check_char(&s);
    }

    /// A code with its check character is valid; changing any one character is caught
    /// (GB 32100's MOD 31 check catches every single substitution).
    #[test]
    fn credit_codes_are_accepted_and_any_one_changed_character_is_caught(
        body in proptest::collection::vec(prop::sample::select(CREDIT_CHARS.as_bytes().to_vec()), 17),
        at in 0usize..18,
        to in prop::sample::select(CREDIT_CHARS.as_bytes().to_vec()),
    ) {
        let first17 = String::from_utf8(body).expect("ascii");
        let code = format!("{first17}{}", credit_code_check_char(&first17).expect("17 characters"));
        prop_assert!(credit_code_is_valid(&code));
        let mut changed = code.into_bytes();
        prop_assume!(changed[at] != to);
        changed[at] = to;
        prop_assert!(!credit_code_is_valid(&String::from_utf8(changed).expect("ascii")));
    }
}
