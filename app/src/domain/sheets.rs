//! Spreadsheets in and out: reading an uploaded .xlsx or CSV into rows of text (bounded in
//! size, in rows and — for .xlsx, which is a zip — in what it unpacks to), and writing rows to
//! .xlsx or CSV with formula-like cells neutralised.
//!
//! CSV from Excel in China is usually GBK (we read it as GB 18030, its superset), sometimes
//! UTF-8 with a byte-order mark, and "Unicode text" is UTF-16 with tabs: all are accepted.

use crate::domain::{DomainError, DomainResult};
use crate::i18n::Msg;
use std::io::{Cursor, Read};

/// The largest upload accepted.
pub const MAX_UPLOAD_BYTES: usize = 5 * 1024 * 1024;
/// The most data rows (besides the header) one import may have.
pub const MAX_ROWS: usize = 5_000;
/// Columns beyond this are ignored.
const MAX_COLUMNS: usize = 40;
/// What the parts of an .xlsx may unpack to, in all: a larger total is a zip bomb.
const MAX_UNPACKED_BYTES: u64 = 64 * 1024 * 1024;
/// An .xlsx of one sheet has a dozen parts.
const MAX_ZIP_ENTRIES: usize = 500;

/// Why a file cannot be read as a table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SheetError {
    TooLarge,
    NotASpreadsheet,
    TooManyRows,
    Empty,
}

impl SheetError {
    pub fn message(self) -> Msg {
        match self {
            SheetError::TooLarge => Msg::ErrFileTooLarge,
            SheetError::NotASpreadsheet => Msg::ErrNotASpreadsheet,
            SheetError::TooManyRows => Msg::ErrTooManyRows,
            SheetError::Empty => Msg::ErrSheetEmpty,
        }
    }
}

impl From<SheetError> for DomainError {
    fn from(e: SheetError) -> Self {
        DomainError::field("file", e.message())
    }
}

/// One cell as read.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    /// A number stored as a number (Excel's habit for phone and ID numbers).
    Number(f64),
}

impl Cell {
    /// The cell as trimmed text; whole numbers without a decimal point.
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.trim().to_string(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => n.to_string(),
        }
    }
}

/// A table read from a file: the first non-empty row is the header.
#[derive(Debug, Default)]
pub struct Sheet {
    pub header: Vec<String>,
    /// (line in the file, 1-based; cells), empty rows skipped.
    pub rows: Vec<(u32, Vec<Cell>)>,
}

impl Sheet {
    fn push(&mut self, line: u32, cells: Vec<Cell>) -> Result<(), SheetError> {
        if cells.iter().all(|c| c.text().is_empty()) {
            return Ok(());
        }
        if self.header.is_empty() {
            self.header = cells.iter().map(Cell::text).collect();
            return Ok(());
        }
        if self.rows.len() >= MAX_ROWS {
            return Err(SheetError::TooManyRows);
        }
        self.rows.push((line, cells));
        Ok(())
    }
}

/// Reads an uploaded file: .xlsx by its zip signature, anything else as delimited text.
pub fn read(bytes: &[u8]) -> Result<Sheet, SheetError> {
    if bytes.len() > MAX_UPLOAD_BYTES {
        return Err(SheetError::TooLarge);
    }
    let sheet = if bytes.starts_with(b"PK\x03\x04") {
        read_xlsx(bytes)?
    } else {
        read_text(bytes)?
    };
    if sheet.header.is_empty() {
        return Err(SheetError::Empty);
    }
    Ok(sheet)
}

/// Unpacks every part once into nothing, counting, so a bomb is refused before the real
/// reader inflates anything into memory.
fn check_zip(bytes: &[u8]) -> Result<(), SheetError> {
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| SheetError::NotASpreadsheet)?;
    if archive.len() > MAX_ZIP_ENTRIES {
        return Err(SheetError::NotASpreadsheet);
    }
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let part = archive
            .by_index(i)
            .map_err(|_| SheetError::NotASpreadsheet)?;
        let left = MAX_UNPACKED_BYTES - total;
        let n = std::io::copy(&mut part.take(left + 1), &mut std::io::sink())
            .map_err(|_| SheetError::NotASpreadsheet)?;
        total += n;
        if total > MAX_UNPACKED_BYTES {
            return Err(SheetError::TooLarge);
        }
    }
    Ok(())
}

fn read_xlsx(bytes: &[u8]) -> Result<Sheet, SheetError> {
    use calamine::{DataRef, Reader, Xlsx};
    check_zip(bytes)?;
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes))
        .map_err(|_| SheetError::NotASpreadsheet)?;
    let first = book
        .sheet_names()
        .first()
        .cloned()
        .ok_or(SheetError::Empty)?;
    let mut cells = book
        .worksheet_cells_reader(&first)
        .map_err(|_| SheetError::NotASpreadsheet)?;
    let mut sheet = Sheet::default();
    let mut current: Option<(u32, Vec<Cell>)> = None;
    // Cells arrive row by row; only used cells are listed.
    while let Some(cell) = cells.next_cell().map_err(|_| SheetError::NotASpreadsheet)? {
        let (row, col) = cell.get_position();
        let value = match cell.get_value() {
            DataRef::Empty | DataRef::Error(_) => Cell::Empty,
            DataRef::Int(i) => Cell::Number(*i as f64),
            DataRef::Float(f) => Cell::Number(*f),
            DataRef::String(s) => Cell::Text(s.clone()),
            DataRef::SharedString(s) => Cell::Text((*s).to_string()),
            DataRef::Bool(b) => Cell::Text(b.to_string()),
            DataRef::DateTime(d) => Cell::Text(d.to_string()),
            DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Cell::Text(s.clone()),
        };
        if current.as_ref().is_some_and(|(r, _)| *r != row)
            && let Some((r, cells)) = current.take()
        {
            sheet.push(r + 1, cells)?;
        }
        let (_, cells) = current.get_or_insert_with(|| (row, Vec::new()));
        let col = col as usize;
        if col < MAX_COLUMNS {
            if cells.len() <= col {
                cells.resize(col + 1, Cell::Empty);
            }
            cells[col] = value;
        }
    }
    if let Some((r, cells)) = current {
        sheet.push(r + 1, cells)?;
    }
    Ok(sheet)
}

/// Decodes text as Excel saves it: UTF-8 (with or without a byte-order mark), UTF-16 with a
/// byte-order mark, or GBK / GB 18030.
pub fn decode_text(bytes: &[u8]) -> Result<String, SheetError> {
    let text = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        std::str::from_utf8(rest)
            .map_err(|_| SheetError::NotASpreadsheet)?
            .to_string()
    } else if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let (text, _, bad) = encoding_rs::UTF_16LE.decode(bytes);
        if bad {
            return Err(SheetError::NotASpreadsheet);
        }
        text.into_owned()
    } else if let Ok(text) = std::str::from_utf8(bytes) {
        text.to_string()
    } else {
        encoding_rs::GB18030
            .decode_without_bom_handling_and_without_replacement(bytes)
            .ok_or(SheetError::NotASpreadsheet)?
            .into_owned()
    };
    // Binary files (images, PDFs, old .xls) decode to text full of control characters.
    if text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Err(SheetError::NotASpreadsheet);
    }
    Ok(text)
}

fn read_text(bytes: &[u8]) -> Result<Sheet, SheetError> {
    let text = decode_text(bytes)?;
    let first_line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let delimiter = if first_line.matches('\t').count() > first_line.matches(',').count() {
        b'\t'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut sheet = Sheet::default();
    let mut record = csv::StringRecord::new();
    let bytes = text.as_bytes();
    let (mut counted_to, mut line) = (0usize, 1u32);
    while reader
        .read_record(&mut record)
        .map_err(|_| SheetError::NotASpreadsheet)?
    {
        // The record's line: its start may point at the previous line's terminator.
        let mut start = record.position().map_or(0, |p| p.byte() as usize);
        while start < bytes.len() && matches!(bytes[start], b'\r' | b'\n') {
            start += 1;
        }
        line += bytes[counted_to..start]
            .iter()
            .filter(|b| **b == b'\n')
            .count() as u32;
        counted_to = start;
        let cells = record
            .iter()
            .take(MAX_COLUMNS)
            .map(|v| {
                if v.trim().is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text(v.to_string())
                }
            })
            .collect();
        sheet.push(line, cells)?;
    }
    Ok(sheet)
}

/// A cell that a spreadsheet program would run as a formula (`=`, `+`, `-`, `@`, or a tab or
/// carriage return before one) gets a leading apostrophe, so it is shown as text.
pub fn neutralise(value: &str) -> String {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_string()
    }
}

/// CSV for Excel: UTF-8 with a byte-order mark (so Chinese shows correctly), CRLF lines.
pub fn write_csv(header: &[&str], rows: &[Vec<String>]) -> Vec<u8> {
    write_csv_with(&[], header, rows)
}

/// The person an export's header names as having made it.
pub fn who(actor: &crate::domain::Actor) -> String {
    actor
        .user
        .as_ref()
        .map(|u| u.display_name.clone().unwrap_or_else(|| u.phone.clone()))
        .unwrap_or_default()
}

/// CSV with a block of lines before the header row (what the report is, its filters, when it
/// was exported), then an empty line.
pub fn write_csv_with(preamble: &[Vec<String>], header: &[&str], rows: &[Vec<String>]) -> Vec<u8> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .flexible(true)
            .from_writer(&mut out);
        // Writing to memory cannot fail.
        for line in preamble {
            let _ = writer.write_record(line.iter().map(|v| neutralise(v)));
        }
        if !preamble.is_empty() {
            let _ = writer.write_record([""]);
        }
        let _ = writer.write_record(header.iter().map(|h| neutralise(h)));
        for row in rows {
            let _ = writer.write_record(row.iter().map(|v| neutralise(v)));
        }
        let _ = writer.flush();
    }
    out
}

/// One worksheet: a bold, frozen header row, then every value as text (never a formula).
pub fn write_xlsx(
    sheet_name: &str,
    header: &[&str],
    rows: &[Vec<String>],
) -> DomainResult<Vec<u8>> {
    write_xlsx_with(sheet_name, &[], header, rows)
}

/// One worksheet with a block of lines above the header row (what the report is, its
/// filters, when it was exported; the first in bold), an empty row, then the table.
pub fn write_xlsx_with(
    sheet_name: &str,
    preamble: &[Vec<String>],
    header: &[&str],
    rows: &[Vec<String>],
) -> DomainResult<Vec<u8>> {
    use rust_xlsxwriter::{Format, Workbook};
    let fail = |e: rust_xlsxwriter::XlsxError| DomainError::Internal(format!("xlsx: {e}"));
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(sheet_name).map_err(fail)?;
    let bold = Format::new().set_bold();
    for (r, line) in preamble.iter().enumerate() {
        for (c, value) in line.iter().enumerate() {
            if r == 0 {
                sheet.write_string_with_format(r as u32, c as u16, neutralise(value), &bold)
            } else {
                sheet.write_string(r as u32, c as u16, neutralise(value))
            }
            .map_err(fail)?;
        }
    }
    // The header row, below the preamble and an empty row.
    let top = if preamble.is_empty() {
        0
    } else {
        preamble.len() as u32 + 1
    };
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count() * 2).collect();
    for (c, h) in header.iter().enumerate() {
        sheet
            .write_string_with_format(top, c as u16, neutralise(h), &bold)
            .map_err(fail)?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            sheet
                .write_string(top + r as u32 + 1, c as u16, neutralise(value))
                .map_err(fail)?;
            if let Some(w) = widths.get_mut(c) {
                // Chinese characters are about two columns wide.
                let width = value
                    .chars()
                    .map(|ch| if ch.is_ascii() { 1 } else { 2 })
                    .sum();
                *w = std::cmp::max(*w, width);
            }
        }
    }
    for (c, w) in widths.iter().enumerate() {
        sheet
            .set_column_width(c as u16, (*w).clamp(6, 50) as f64 + 2.0)
            .map_err(fail)?;
    }
    sheet.set_freeze_panes(top + 1, 0).map_err(fail)?;
    book.save_to_buffer().map_err(fail)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(sheet: &Sheet) -> Vec<Vec<String>> {
        sheet
            .rows
            .iter()
            .map(|(_, cells)| cells.iter().map(Cell::text).collect())
            .collect()
    }

    #[test]
    fn csv_in_utf8_with_bom_gbk_and_utf16() {
        let utf8 = "姓名,手机号\n张三,13800000000\n";
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend(utf8.as_bytes());
        let (gbk, _, _) = encoding_rs::GBK.encode(utf8);
        let mut utf16 = vec![0xFF, 0xFE];
        for unit in "姓名\t手机号\r\n张三\t13800000000\r\n".encode_utf16() {
            utf16.extend(unit.to_le_bytes());
        }
        for bytes in [utf8.as_bytes().to_vec(), bom, gbk.into_owned(), utf16] {
            let sheet = read(&bytes).unwrap();
            assert_eq!(sheet.header, vec!["姓名", "手机号"]);
            assert_eq!(texts(&sheet), vec![vec!["张三", "13800000000"]]);
            assert_eq!(sheet.rows[0].0, 2);
        }
    }

    #[test]
    fn binary_files_empty_files_and_too_many_rows_are_refused() {
        assert_eq!(
            read(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap_err(),
            SheetError::NotASpreadsheet
        );
        assert_eq!(
            read(b"PK\x03\x04garbage").unwrap_err(),
            SheetError::NotASpreadsheet
        );
        assert_eq!(read(b"\n  \n").unwrap_err(), SheetError::Empty);
        let mut many = String::from("a\n");
        for i in 0..=MAX_ROWS {
            many.push_str(&format!("{i}\n"));
        }
        assert_eq!(read(many.as_bytes()).unwrap_err(), SheetError::TooManyRows);
        assert_eq!(
            read(&vec![b'a'; MAX_UPLOAD_BYTES + 1]).unwrap_err(),
            SheetError::TooLarge
        );
    }

    #[test]
    fn xlsx_round_trip_keeps_text_and_neutralises_formulas() {
        let rows = vec![
            vec!["张三".to_string(), "=1+1".to_string()],
            vec!["李四".to_string(), "@SUM(A1)".to_string()],
        ];
        let bytes = write_xlsx("花名册", &["姓名", "备注"], &rows).unwrap();
        let sheet = read(&bytes).unwrap();
        assert_eq!(sheet.header, vec!["姓名", "备注"]);
        assert_eq!(
            texts(&sheet),
            vec![vec!["张三", "'=1+1"], vec!["李四", "'@SUM(A1)"]]
        );
    }

    #[test]
    fn csv_output_neutralises_formulas() {
        let out = write_csv(
            &["a"],
            &[vec!["-2+3".into()], vec!["+cmd".into()], vec!["ok".into()]],
        );
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text, "\u{feff}a\r\n'-2+3\r\n'+cmd\r\nok\r\n");
    }

    #[test]
    fn a_zip_bomb_is_refused_before_it_is_unpacked() {
        use std::io::Write;
        let mut buf = Cursor::new(Vec::new());
        {
            let mut zip = zip::ZipWriter::new(&mut buf);
            let options = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated);
            zip.start_file("xl/worksheets/sheet1.xml", options).unwrap();
            let zeros = vec![0u8; 1024 * 1024];
            for _ in 0..(MAX_UNPACKED_BYTES / (1024 * 1024) + 1) {
                zip.write_all(&zeros).unwrap();
            }
            zip.finish().unwrap();
        }
        let bytes = buf.into_inner();
        assert!(bytes.len() < MAX_UPLOAD_BYTES, "{} bytes", bytes.len());
        assert_eq!(read(&bytes).unwrap_err(), SheetError::TooLarge);
    }
}
