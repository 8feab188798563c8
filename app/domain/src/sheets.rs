//! Spreadsheets in and out: reading an uploaded .xlsx or CSV into rows of text (bounded in
//! size, in rows and — for .xlsx, which is a zip — in what it unpacks to), and writing rows to
//! .xlsx or CSV with formula-like cells neutralised.
//!
//! CSV from Excel in China is usually GBK (we read it as GB 18030, its superset), sometimes
//! UTF-8 with a byte-order mark, and "Unicode text" is UTF-16 with tabs: all are accepted.

use crate::{DomainError, DomainResult};
use model::i18n::Msg;
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
        // A short GBK file can happen to be valid UTF-8 too ("0蕖" is the bytes of "0ޡ"): when
        // the UTF-8 reading has characters no roster holds and the GBK reading has none, the
        // file is GBK.
        let gbk = || {
            encoding_rs::GB18030
                .decode_without_bom_handling_and_without_replacement(bytes)
                .filter(|gbk| plausible_text(gbk))
        };
        match (!plausible_text(text)).then(gbk).flatten() {
            Some(gbk) => gbk.into_owned(),
            None => text.to_string(),
        }
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

/// Whether every character is one a sheet for this programme holds: ASCII, Latin letters with
/// accents, general punctuation, CJK (ideographs of every extension, punctuation, full-width
/// forms). A reading with Thaana, Arabic or Cyrillic letters and no Chinese is a wrong guess
/// of the encoding, not a roster.
pub fn plausible_text(text: &str) -> bool {
    text.chars().all(|c| {
        matches!(c as u32,
            0x09 | 0x0A | 0x0D
            | 0x20..=0x7E
            | 0xA0..=0x24F
            | 0x2000..=0x206F
            | 0x2100..=0x214F
            | 0x3000..=0x303F
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFFEF
            | 0x20000..=0x3FFFF)
    })
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
        line += line_breaks(&bytes[counted_to..start]);
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

/// Line breaks in `bytes`: LF, CRLF, or a lone CR (old Mac files), each counted once, as the
/// CSV reader splits records.
fn line_breaks(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .enumerate()
        .filter(|&(i, b)| *b == b'\n' || (*b == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
        .count() as u32
}

/// A cell that a spreadsheet program would run as a formula (`=`, `+`, `-`, `@`, or a tab or
/// carriage return before one) gets a leading apostrophe, so it is shown as text.
/// A cell written as a number.
#[derive(Debug, PartialEq)]
enum NumberCell {
    Number(f64),
    /// A percentage, as its fraction (`85.5%` is 0.855).
    Percent(f64),
}

/// The number a cell's text is, when it is plainly one: an optional minus, up to ten digits
/// without a leading zero (so phone numbers, ID numbers and codes like `007` stay text), and
/// up to four decimals; or such a number followed by `%`.
fn as_number(text: &str) -> Option<NumberCell> {
    let (digits, percent) = match text.strip_suffix('%') {
        Some(d) => (d, true),
        None => (text, false),
    };
    let unsigned = digits.strip_prefix('-').unwrap_or(digits);
    let (int, frac) = match unsigned.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (unsigned, None),
    };
    let int_ok = !int.is_empty()
        && int.len() <= 10
        && int.bytes().all(|b| b.is_ascii_digit())
        && (int == "0" || !int.starts_with('0'));
    let frac_ok =
        frac.is_none_or(|f| !f.is_empty() && f.len() <= 4 && f.bytes().all(|b| b.is_ascii_digit()));
    if !(int_ok && frac_ok) {
        return None;
    }
    let n: f64 = digits.parse().ok()?;
    Some(if percent {
        NumberCell::Percent(n / 100.0)
    } else {
        NumberCell::Number(n)
    })
}

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
pub fn who(actor: &crate::Actor) -> String {
    actor
        .user
        .as_ref()
        .map(|u| u.display_name.clone().unwrap_or_else(|| u.phone.clone()))
        .unwrap_or_default()
}

/// CSV with a block of lines before the header row (what the report is, its filters, when it
/// was exported), then an empty line.
pub fn write_csv_with(preamble: &[Vec<String>], header: &[&str], rows: &[Vec<String>]) -> Vec<u8> {
    let mut out = Vec::new();
    // Writing to memory cannot fail.
    let _ = (|| -> std::io::Result<()> {
        let mut writer = csv_writer(&mut out)?;
        csv_top(&mut writer, preamble, header)?;
        for row in rows {
            csv_row(&mut writer, row)?;
        }
        writer.flush()
    })();
    out
}

/// A CSV writer for Excel: the byte-order mark (so Chinese shows correctly) written, CRLF
/// lines, rows of any length.
fn csv_writer<W: std::io::Write>(mut out: W) -> std::io::Result<csv::Writer<W>> {
    out.write_all(b"\xEF\xBB\xBF")?;
    Ok(csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .flexible(true)
        .from_writer(out))
}

/// The lines above a table, an empty line when there are some, then the column names.
fn csv_top<W: std::io::Write>(
    writer: &mut csv::Writer<W>,
    preamble: &[Vec<String>],
    header: &[&str],
) -> std::io::Result<()> {
    for line in preamble {
        csv_row(writer, line)?;
    }
    if !preamble.is_empty() {
        writer.write_record([""])?;
    }
    writer.write_record(header.iter().map(|h| neutralise(h)))?;
    Ok(())
}

fn csv_row<W: std::io::Write>(writer: &mut csv::Writer<W>, row: &[String]) -> std::io::Result<()> {
    writer.write_record(row.iter().map(|v| neutralise(v)))?;
    Ok(())
}

/// One worksheet: a bold, frozen header row, then every value as text (never a formula).
pub fn write_xlsx(
    sheet_name: &str,
    header: &[&str],
    rows: &[Vec<String>],
) -> DomainResult<Vec<u8>> {
    write_xlsx_with(sheet_name, &[], header, rows)
}

fn xlsx_failed(e: rust_xlsxwriter::XlsxError) -> DomainError {
    DomainError::Internal(format!("xlsx: {e}"))
}

fn io_failed(e: std::io::Error) -> DomainError {
    DomainError::Internal(format!("export: {e}"))
}

/// One worksheet with a block of lines above the header row (what the report is, its
/// filters, when it was exported; the first in bold), an empty row, then the table.
pub fn write_xlsx_with(
    sheet_name: &str,
    preamble: &[Vec<String>],
    header: &[&str],
    rows: &[Vec<String>],
) -> DomainResult<Vec<u8>> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let mut table = XlsxTable::new(book.add_worksheet(), sheet_name, header)?;
    table.top(preamble)?;
    for row in rows {
        table.row(row)?;
    }
    table.finish()?;
    book.save_to_buffer().map_err(xlsx_failed)
}

/// A table being written to a worksheet, top to bottom (so it also works in constant-memory
/// mode, where each row is flushed to disk when the next begins).
struct XlsxTable<'a> {
    sheet: &'a mut rust_xlsxwriter::Worksheet,
    bold: rust_xlsxwriter::Format,
    percent: rust_xlsxwriter::Format,
    header: Vec<String>,
    /// The next row to write.
    next: u32,
    /// Each column's widest value, in character widths.
    widths: Vec<usize>,
}

impl<'a> XlsxTable<'a> {
    fn new(
        sheet: &'a mut rust_xlsxwriter::Worksheet,
        name: &str,
        header: &[&str],
    ) -> DomainResult<Self> {
        sheet.set_name(name).map_err(xlsx_failed)?;
        Ok(Self {
            sheet,
            bold: rust_xlsxwriter::Format::new().set_bold(),
            percent: rust_xlsxwriter::Format::new().set_num_format("0.0%"),
            widths: header.iter().map(|h| h.chars().count() * 2).collect(),
            header: header.iter().map(|h| h.to_string()).collect(),
            next: 0,
        })
    }

    /// The lines above the table (the first in bold), an empty row when there are some, then
    /// the column names in bold, frozen.
    fn top(&mut self, preamble: &[Vec<String>]) -> DomainResult<()> {
        for (r, line) in preamble.iter().enumerate() {
            for (c, value) in line.iter().enumerate() {
                let (row, col, value) = (r as u32, c as u16, neutralise(value));
                if r == 0 {
                    self.sheet
                        .write_string_with_format(row, col, value, &self.bold)
                } else {
                    self.sheet.write_string(row, col, value)
                }
                .map_err(xlsx_failed)?;
            }
        }
        let top = if preamble.is_empty() {
            0
        } else {
            preamble.len() as u32 + 1
        };
        for (c, h) in self.header.iter().enumerate() {
            self.sheet
                .write_string_with_format(top, c as u16, neutralise(h), &self.bold)
                .map_err(xlsx_failed)?;
        }
        self.sheet
            .set_freeze_panes(top + 1, 0)
            .map_err(xlsx_failed)?;
        self.next = top + 1;
        Ok(())
    }

    fn row(&mut self, row: &[String]) -> DomainResult<()> {
        for (c, value) in row.iter().enumerate() {
            // Counts, hours, scores and rates as numbers, so they sum and sort; everything
            // else (phone and ID numbers among it) as text.
            match as_number(value) {
                Some(NumberCell::Number(n)) => self.sheet.write_number(self.next, c as u16, n),
                Some(NumberCell::Percent(n)) => {
                    self.sheet
                        .write_number_with_format(self.next, c as u16, n, &self.percent)
                }
                None => self
                    .sheet
                    .write_string(self.next, c as u16, neutralise(value)),
            }
            .map_err(xlsx_failed)?;
            if let Some(w) = self.widths.get_mut(c) {
                // Chinese characters are about two columns wide.
                let width = value
                    .chars()
                    .map(|ch| if ch.is_ascii() { 1 } else { 2 })
                    .sum();
                *w = std::cmp::max(*w, width);
            }
        }
        self.next += 1;
        Ok(())
    }

    /// Columns as wide as their widest value (within bounds).
    fn finish(self) -> DomainResult<()> {
        for (c, w) in self.widths.iter().enumerate() {
            self.sheet
                .set_column_width(c as u16, (*w).clamp(6, 50) as f64 + 2.0)
                .map_err(xlsx_failed)?;
        }
        Ok(())
    }
}

// ---- spreadsheets written while they are sent ----------------------------------------------

/// The most rows an .xlsx worksheet holds (Excel's limit), the lines above the table included.
pub const XLSX_MAX_ROWS: u64 = 1_048_576;

/// Part of a table on its way to [`stream`]'s writer: first the lines above the table, then
/// rows in order, then `End`. A writer whose pieces stop without `End` (the query failed, the
/// server is stopping) fails the download instead of ending it as if the file were whole.
pub enum Piece {
    Top(Vec<Vec<String>>),
    Rows(Vec<Vec<String>>),
    End,
}

/// How many pieces (or chunks of bytes) wait between the query, the writer and the network:
/// what is held in memory is about this many batches, whatever the size of the file.
const QUEUED: usize = 4;
/// The size of the chunks sent.
const CHUNK_BYTES: usize = 64 * 1024;

/// The bytes of a file being written: an `Err` means it could not be finished (the download
/// must fail rather than look complete).
pub type ByteStream = tokio::sync::mpsc::Receiver<std::io::Result<Vec<u8>>>;

/// Starts writing a table as .xlsx or CSV while it is sent: returns where to send the table's
/// [`Piece`]s and the file's bytes. The writer runs on a blocking thread; an .xlsx worksheet
/// is kept on disk (constant-memory mode), so neither format is held in memory.
pub fn stream(
    format: crate::rosters::ExportFormat,
    sheet_name: String,
    header: Vec<String>,
) -> (tokio::sync::mpsc::Sender<Piece>, ByteStream) {
    let (pieces, mut incoming) = tokio::sync::mpsc::channel(QUEUED);
    let (sender, bytes) = tokio::sync::mpsc::channel(QUEUED);
    tokio::task::spawn_blocking(move || {
        let mut out = Outlet {
            buffer: Vec::with_capacity(CHUNK_BYTES),
            sender,
        };
        let header: Vec<&str> = header.iter().map(String::as_str).collect();
        let written = match format {
            crate::rosters::ExportFormat::Csv => stream_csv(&header, &mut incoming, &mut out),
            crate::rosters::ExportFormat::Xlsx => {
                stream_xlsx(&sheet_name, &header, &mut incoming, &mut out)
            }
        }
        .and_then(|()| std::io::Write::flush(&mut out).map_err(io_failed));
        if let Err(e) = written {
            // Nobody listening (the download was abandoned) needs no message.
            if !out.sender.is_closed() {
                tracing::warn!(error = %e, "an export could not be finished");
                let _ = out.sender.blocking_send(Err(std::io::Error::other(
                    "the export could not be finished",
                )));
            }
        }
    });
    (pieces, bytes)
}

/// Sends a piece to [`stream`]'s writer; an error once the download was abandoned.
pub async fn send(pieces: &tokio::sync::mpsc::Sender<Piece>, piece: Piece) -> DomainResult<()> {
    pieces
        .send(piece)
        .await
        .map_err(|_| DomainError::Internal("the download was abandoned".into()))
}

/// How many rows go to the writer at a time.
const BATCH_ROWS: usize = 1_000;

/// A table's rows on their way to [`stream`]'s writer, sent in batches.
pub struct Batches<'a> {
    pieces: &'a tokio::sync::mpsc::Sender<Piece>,
    rows: Vec<Vec<String>>,
}

impl<'a> Batches<'a> {
    pub fn new(pieces: &'a tokio::sync::mpsc::Sender<Piece>) -> Self {
        Self {
            pieces,
            rows: Vec::with_capacity(BATCH_ROWS),
        }
    }

    pub async fn push(&mut self, row: Vec<String>) -> DomainResult<()> {
        self.rows.push(row);
        if self.rows.len() == BATCH_ROWS {
            let full = std::mem::replace(&mut self.rows, Vec::with_capacity(BATCH_ROWS));
            send(self.pieces, Piece::Rows(full)).await?;
        }
        Ok(())
    }

    /// The last rows, then the end of the table.
    pub async fn end(self) -> DomainResult<()> {
        send(self.pieces, Piece::Rows(self.rows)).await?;
        send(self.pieces, Piece::End).await
    }
}

/// Runs `feed` (which reads a table from the database and sends it to [`stream`]'s writer
/// through `pieces`) in the background. If it fails, the pieces stop before `End`, so the
/// download fails rather than look whole; an abandoned download needs no message.
pub fn spawn_feed<F>(export: &'static str, pieces: tokio::sync::mpsc::Sender<Piece>, feed: F)
where
    F: std::future::Future<Output = DomainResult<()>> + Send + 'static,
{
    tokio::spawn(async move {
        if let Err(e) = feed.await
            && !pieces.is_closed()
        {
            tracing::warn!(error = %e, export, "an export stopped");
        }
    });
}

/// Bytes collected into chunks and sent; fails once nobody is receiving.
struct Outlet {
    buffer: Vec<u8>,
    sender: tokio::sync::mpsc::Sender<std::io::Result<Vec<u8>>>,
}

impl Outlet {
    fn send(&mut self) -> std::io::Result<()> {
        let chunk = std::mem::replace(&mut self.buffer, Vec::with_capacity(CHUNK_BYTES));
        self.sender
            .blocking_send(Ok(chunk))
            .map_err(|_| std::io::Error::new(std::io::ErrorKind::BrokenPipe, "download abandoned"))
    }
}

impl std::io::Write for Outlet {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.buffer.extend_from_slice(data);
        if self.buffer.len() >= CHUNK_BYTES {
            self.send()?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.buffer.is_empty() {
            Ok(())
        } else {
            self.send()
        }
    }
}

/// The next piece; the pieces stopping before `End` is a failure.
fn next_piece(incoming: &mut tokio::sync::mpsc::Receiver<Piece>) -> DomainResult<Piece> {
    incoming
        .blocking_recv()
        .ok_or_else(|| DomainError::Internal("the rows of an export stopped before the end".into()))
}

fn stream_csv(
    header: &[&str],
    incoming: &mut tokio::sync::mpsc::Receiver<Piece>,
    out: &mut Outlet,
) -> DomainResult<()> {
    let mut writer = csv_writer(out).map_err(io_failed)?;
    loop {
        match next_piece(incoming)? {
            Piece::Top(lines) => csv_top(&mut writer, &lines, header),
            Piece::Rows(rows) => rows.iter().try_for_each(|row| csv_row(&mut writer, row)),
            Piece::End => return writer.flush().map_err(io_failed),
        }
        .map_err(io_failed)?;
    }
}

fn stream_xlsx(
    sheet_name: &str,
    header: &[&str],
    incoming: &mut tokio::sync::mpsc::Receiver<Piece>,
    out: &mut Outlet,
) -> DomainResult<()> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let mut table = XlsxTable::new(
        book.add_worksheet_with_constant_memory()
            .map_err(xlsx_failed)?,
        sheet_name,
        header,
    )?;
    loop {
        match next_piece(incoming)? {
            Piece::Top(lines) => table.top(&lines)?,
            Piece::Rows(rows) => rows.iter().try_for_each(|row| table.row(row))?,
            Piece::End => break,
        }
    }
    table.finish()?;
    book.save_to_writer(out).map_err(xlsx_failed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_numbers_become_numbers_and_codes_stay_text() {
        assert_eq!(as_number("42"), Some(NumberCell::Number(42.0)));
        assert_eq!(as_number("-3"), Some(NumberCell::Number(-3.0)));
        assert_eq!(as_number("19.5"), Some(NumberCell::Number(19.5)));
        assert_eq!(as_number("0"), Some(NumberCell::Number(0.0)));
        assert_eq!(as_number("12.5%"), Some(NumberCell::Percent(0.125)));
        for text in [
            "13800000001",
            "410102199001011234",
            "007",
            "2027-03-01",
            "1e5",
            "",
            "-",
            "3.",
            ".5",
            "12.34567",
            "YZ-2027-000001",
        ] {
            assert_eq!(as_number(text), None, "{text}");
        }
    }

    fn texts(sheet: &Sheet) -> Vec<Vec<String>> {
        sheet
            .rows
            .iter()
            .map(|(_, cells)| cells.iter().map(Cell::text).collect())
            .collect()
    }

    /// Found by the fuzzing (`domain::fuzz`): a file with lone CRs as line ends named two
    /// rows by one line number.
    #[test]
    fn lines_are_counted_with_lone_carriage_returns_too() {
        let sheet = read("姓名\r张三\r李四\r\n王五\n\n赵六".as_bytes()).unwrap();
        let lines: Vec<u32> = sheet.rows.iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, vec![2, 3, 4, 6]);
        let sheet = read("一\n,;\r0".as_bytes()).unwrap();
        let lines: Vec<u32> = sheet.rows.iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, vec![2, 3]);
    }

    /// Found by the fuzzing: a GBK file whose bytes are also valid UTF-8 ("0蕖" is the bytes
    /// of "0ޡ") was read as UTF-8.
    #[test]
    fn a_gbk_file_that_is_also_valid_utf8_reads_as_gbk() {
        let (gbk, _, _) = encoding_rs::GBK.encode("0蕖\n1");
        assert!(std::str::from_utf8(&gbk).is_ok());
        assert_eq!(read(&gbk).unwrap().header, vec!["0蕖"]);
        // UTF-8 without a byte-order mark whose bytes are also GBK stays UTF-8 when it reads
        // as plausible text: accented names, a middle dot, Chinese.
        for text in [
            "姓名,备注\nJosé,Zoë\n",
            "姓名\n阿依古丽·买买提\n",
            "name\nJosé\n",
        ] {
            assert_eq!(decode_text(text.as_bytes()).unwrap(), text);
        }
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

    /// Sends `pieces` to a streamed writer and collects what it wrote, an error included.
    async fn streamed(
        format: crate::rosters::ExportFormat,
        pieces: Vec<Piece>,
    ) -> (Vec<u8>, usize, Option<std::io::Error>) {
        let (sender, mut bytes) = stream(format, "名单".into(), vec!["姓名".into(), "备注".into()]);
        tokio::spawn(async move {
            for piece in pieces {
                send(&sender, piece).await.unwrap();
            }
        });
        let (mut out, mut chunks) = (Vec::new(), 0);
        while let Some(chunk) = bytes.recv().await {
            match chunk {
                Ok(chunk) => {
                    out.extend(chunk);
                    chunks += 1;
                }
                Err(e) => return (out, chunks, Some(e)),
            }
        }
        (out, chunks, None)
    }

    fn many_rows(n: usize) -> Vec<Vec<String>> {
        (0..n)
            .map(|i| {
                vec![
                    format!("学员{i}"),
                    if i % 2 == 0 {
                        "=1+1".into()
                    } else {
                        String::new()
                    },
                ]
            })
            .collect()
    }

    #[tokio::test]
    async fn a_streamed_csv_is_the_same_file_in_chunks() {
        use crate::rosters::ExportFormat;
        let top = vec![vec!["标题".to_string()], vec!["乡镇".into(), "全部".into()]];
        let rows = many_rows(20_000);
        let whole = write_csv_with(&top, &["姓名", "备注"], &rows);
        let (out, chunks, failed) = streamed(
            ExportFormat::Csv,
            vec![
                Piece::Top(top),
                Piece::Rows(rows[..7_000].to_vec()),
                Piece::Rows(rows[7_000..].to_vec()),
                Piece::End,
            ],
        )
        .await;
        assert!(failed.is_none());
        assert_eq!(out, whole);
        assert!(chunks > 1, "sent in pieces, not held: {chunks}");
    }

    #[tokio::test]
    async fn a_streamed_xlsx_holds_every_row_in_order() {
        use crate::rosters::ExportFormat;
        let rows = many_rows(3_000);
        let (out, _, failed) = streamed(
            ExportFormat::Xlsx,
            vec![
                Piece::Top(vec![vec!["标题".into()]]),
                Piece::Rows(rows[..1_000].to_vec()),
                Piece::Rows(rows[1_000..].to_vec()),
                Piece::End,
            ],
        )
        .await;
        assert!(failed.is_none());
        let sheet = read(&out).unwrap();
        assert_eq!(sheet.header, vec!["标题"]);
        let table = texts(&sheet);
        assert_eq!(table[0], vec!["姓名", "备注"]);
        assert_eq!(table.len(), 3_001);
        assert_eq!(table[1], vec!["学员0", "'=1+1"]);
        assert_eq!(table[3_000], vec!["学员2999"]);
    }

    #[tokio::test]
    async fn rows_that_stop_before_the_end_fail_the_download() {
        use crate::rosters::ExportFormat;
        for format in [ExportFormat::Csv, ExportFormat::Xlsx] {
            let (out, _, failed) = streamed(
                format,
                vec![Piece::Top(Vec::new()), Piece::Rows(many_rows(10))],
            )
            .await;
            assert!(
                failed.is_some(),
                "{format:?}: {} bytes and no error",
                out.len()
            );
        }
    }

    #[tokio::test]
    async fn an_abandoned_download_stops_the_rows_being_read() {
        use crate::rosters::ExportFormat;
        let (sender, bytes) = stream(ExportFormat::Csv, "名单".into(), vec!["姓名".into()]);
        drop(bytes);
        send(&sender, Piece::Top(Vec::new())).await.unwrap();
        // The writer fails on its first full chunk; from then on every send is refused, so a
        // query feeding it stops after a few batches instead of reading every row.
        let mut sent = 0;
        while send(&sender, Piece::Rows(many_rows(1_000))).await.is_ok() {
            sent += 1;
            assert!(
                sent < 100,
                "rows still taken after the download was abandoned"
            );
        }
    }
}
