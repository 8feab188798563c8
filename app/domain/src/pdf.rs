//! Certificate PDFs: A4 landscape, drawn with printpdf from a certificate's stored payload and
//! verification code only, so the same row always gives the same certificate. Chinese text is
//! set in the installation's Chinese font (embedded as a subset of the glyphs used); a
//! character the main font lacks (a rare 生僻字) is taken from the first fallback font that has
//! it. Latin letters and digits use the PDF's standard Helvetica, which needs no embedding
//! and keeps each file small. Long
//! course titles and names are wrapped between characters (or at spaces in Latin text) and
//! set smaller when they would take too many lines, never cut or run over the frame.

use crate::{DomainError, DomainResult};
use model::certificates::CertificatePayload;
use model::enums::CertificateKind;
use printpdf::{
    BuiltinFont, Color, FontId, Line, LinePoint, Mm, Op, PaintMode, ParsedFont, PdfDocument,
    PdfFontHandle, PdfPage, PdfSaveOptions, Point, Polygon, PolygonRing, Pt, Rgb, TextItem,
    WindingOrder,
};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The main certificate font when `YUCAI_CERT_FONT` is not set (Debian `fonts-wqy-microhei`).
pub const DEFAULT_FONT: &str = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";
/// Fallbacks for characters outside the main font, used when present (Debian
/// `fonts-hanazono`: CJK extension B and beyond).
pub const DEFAULT_FALLBACKS: &[&str] = &[
    "/usr/share/fonts/truetype/hanazono/HanaMinA.ttf",
    "/usr/share/fonts/truetype/hanazono/HanaMinB.ttf",
];

const PAGE_W: f32 = 297.0;
const PAGE_H: f32 = 210.0;

/// The fonts certificates are set in: the main Chinese face; fallback faces for characters it
/// lacks, read only when such a character first appears (they are large); and Helvetica's
/// metrics for Latin text.
pub struct CertificateFonts {
    main: ParsedFont,
    fallback_paths: Vec<PathBuf>,
    fallbacks: OnceLock<Vec<ParsedFont>>,
    latin: Option<ParsedFont>,
}

/// Which font sets a character: Helvetica, the main face, or fallback `i`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Face {
    Latin,
    Main,
    Fallback(usize),
}

impl std::fmt::Debug for CertificateFonts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "CertificateFonts({} fallbacks)",
            self.fallback_paths.len()
        )
    }
}

fn load_face(path: &Path) -> Result<ParsedFont, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    ParsedFont::from_bytes(&bytes, 0, &mut Vec::new())
        .ok_or_else(|| format!("{}: not a font printpdf can read", path.display()))
}

fn has(face: &ParsedFont, c: char) -> bool {
    face.lookup_glyph_index(c as u32).is_some_and(|g| g != 0)
}

impl CertificateFonts {
    /// Loads the main font (required); `fallbacks` that exist are read when first needed.
    pub fn load(main: &Path, fallbacks: &[PathBuf]) -> Result<Self, String> {
        Ok(CertificateFonts {
            main: load_face(main)?,
            fallback_paths: fallbacks.iter().filter(|p| p.exists()).cloned().collect(),
            fallbacks: OnceLock::new(),
            latin: BuiltinFont::Helvetica.get_parsed_font(),
        })
    }

    /// The default fonts of a Debian machine (see [`DEFAULT_FONT`]).
    pub fn load_default() -> Result<Self, String> {
        let fallbacks: Vec<PathBuf> = DEFAULT_FALLBACKS.iter().map(PathBuf::from).collect();
        Self::load(Path::new(DEFAULT_FONT), &fallbacks)
    }

    fn fallbacks(&self) -> &[ParsedFont] {
        self.fallbacks.get_or_init(|| {
            self.fallback_paths
                .iter()
                .filter_map(|p| match load_face(p) {
                    Ok(f) => Some(f),
                    Err(e) => {
                        tracing::warn!(error = %e, "fallback certificate font not usable");
                        None
                    }
                })
                .collect()
        })
    }

    fn face(&self, face: Face) -> &ParsedFont {
        match face {
            Face::Latin => self.latin.as_ref().unwrap_or(&self.main),
            Face::Main => &self.main,
            Face::Fallback(i) => &self.fallbacks()[i],
        }
    }

    /// The face that sets `c`: Helvetica for printable ASCII, else the main face, else the
    /// first fallback that has it, else the main one (which then shows its "missing" box).
    fn face_for(&self, c: char) -> Face {
        if self.latin.is_some() && (' '..='~').contains(&c) {
            return Face::Latin;
        }
        if has(&self.main, c) || self.fallback_paths.is_empty() {
            return Face::Main;
        }
        self.fallbacks()
            .iter()
            .position(|f| has(f, c))
            .map_or(Face::Main, Face::Fallback)
    }

    /// Characters no installed face has (they would print as a box).
    pub fn missing(&self, text: &str) -> Vec<char> {
        let mut out: Vec<char> = text
            .chars()
            .filter(|c| !c.is_whitespace() && !(' '..='~').contains(c))
            .filter(|&c| !has(&self.main, c) && !self.fallbacks().iter().any(|f| has(f, c)))
            .collect();
        out.dedup();
        out
    }

    /// Width of `c` at `size`, in points.
    fn advance(&self, c: char, size: f32) -> f32 {
        let face = self.face(self.face_for(c));
        let em = f32::from(face.font_metrics.units_per_em.max(1));
        let gid = face.lookup_glyph_index(c as u32).unwrap_or(0);
        f32::from(face.get_horizontal_advance(gid)) / em * size
    }

    fn width(&self, text: &str, size: f32, spacing: f32) -> f32 {
        text.chars()
            .map(|c| self.advance(c, size) + spacing)
            .sum::<f32>()
            - if text.is_empty() { 0.0 } else { spacing }
    }
}

/// Splits `text` into lines no wider than `max` points: between any two CJK characters, at
/// spaces otherwise; a Latin word longer than a line is split between its letters.
fn wrap(fonts: &CertificateFonts, text: &str, size: f32, max: f32) -> Vec<String> {
    // Pieces that must stay together: a run of Latin letters/digits, or one other character.
    let mut pieces: Vec<String> = Vec::new();
    for c in text.chars() {
        let joins = c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | ',' | '/' | ':');
        match pieces.last_mut() {
            Some(last)
                if joins
                    && last
                        .chars()
                        .last()
                        .is_some_and(|p| p.is_ascii_alphanumeric() || "-.,/:".contains(p)) =>
            {
                last.push(c)
            }
            _ => pieces.push(c.to_string()),
        }
    }
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for piece in pieces {
        let candidate = format!("{line}{piece}");
        if fonts.width(candidate.trim_end(), size, 0.0) <= max || line.trim().is_empty() {
            if fonts.width(candidate.trim_end(), size, 0.0) <= max {
                line = candidate;
                continue;
            }
            // A piece wider than a whole line: split it between characters.
            for c in piece.chars() {
                if !line.is_empty() && fonts.width(&format!("{line}{c}"), size, 0.0) > max {
                    lines.push(std::mem::take(&mut line));
                }
                line.push(c);
            }
            continue;
        }
        lines.push(line.trim_end().to_string());
        line = piece.trim_start().to_string();
    }
    if !line.trim().is_empty() {
        lines.push(line.trim_end().to_string());
    }
    lines
}

/// Text set in one or more faces: runs of characters of the same face.
struct Writer<'a> {
    fonts: &'a CertificateFonts,
    doc: PdfDocument,
    /// The document's id of the main face and of each fallback used so far.
    main_id: Option<FontId>,
    fallback_ids: Vec<Option<FontId>>,
    ops: Vec<Op>,
}

fn rgb(r: u8, g: u8, b: u8) -> Color {
    Color::Rgb(Rgb::new(
        f32::from(r) / 255.0,
        f32::from(g) / 255.0,
        f32::from(b) / 255.0,
        None,
    ))
}

fn pt(x_mm: f32, y_mm: f32) -> Point {
    Point::new(Mm(x_mm), Mm(y_mm))
}

impl Writer<'_> {
    /// Sets `text` with its left end at (`x`, `y`) mm (the baseline).
    fn text_at(&mut self, text: &str, x: f32, y: f32, size: f32, spacing: f32, color: Color) {
        if text.is_empty() {
            return;
        }
        self.ops.push(Op::StartTextSection);
        self.ops.push(Op::SetFillColor { col: color });
        self.ops.push(Op::SetTextCursor { pos: pt(x, y) });
        if spacing != 0.0 {
            self.ops.push(Op::SetCharacterSpacing {
                multiplier: spacing,
            });
        }
        let mut run = String::new();
        let mut face = Face::Main;
        for c in text.chars() {
            let f = self.fonts.face_for(c);
            if f != face && !run.is_empty() {
                self.show(face, size, std::mem::take(&mut run));
            }
            face = f;
            run.push(c);
        }
        if !run.is_empty() {
            self.show(face, size, run);
        }
        self.ops.push(Op::EndTextSection);
    }

    fn show(&mut self, face: Face, size: f32, run: String) {
        let font = match face {
            Face::Latin => PdfFontHandle::Builtin(BuiltinFont::Helvetica),
            Face::Main => {
                let id = self
                    .main_id
                    .get_or_insert_with(|| self.doc.add_font(&self.fonts.main));
                PdfFontHandle::External(id.clone())
            }
            Face::Fallback(i) => {
                if self.fallback_ids.len() <= i {
                    self.fallback_ids.resize(i + 1, None);
                }
                let font = self.fonts.face(face);
                let id = self.fallback_ids[i].get_or_insert_with(|| self.doc.add_font(font));
                PdfFontHandle::External(id.clone())
            }
        };
        self.ops.push(Op::SetFont {
            font,
            size: Pt(size),
        });
        self.ops.push(Op::ShowText {
            items: vec![TextItem::Text(run)],
        });
    }

    /// Sets `text` centred on `cx` mm.
    fn centred(&mut self, text: &str, cx: f32, y: f32, size: f32, spacing: f32, color: Color) {
        let w = Mm::from(Pt(self.fonts.width(text, size, spacing))).0;
        self.text_at(text, cx - w / 2.0, y, size, spacing, color);
    }

    fn rect_outline(&mut self, x: f32, y: f32, w: f32, h: f32, thickness: f32, color: Color) {
        self.ops.push(Op::SetOutlineColor { col: color });
        self.ops.push(Op::SetOutlineThickness { pt: Pt(thickness) });
        self.ops.push(Op::DrawLine {
            line: Line {
                points: [(x, y), (x + w, y), (x + w, y + h), (x, y + h)]
                    .into_iter()
                    .map(|(x, y)| LinePoint {
                        p: pt(x, y),
                        bezier: false,
                    })
                    .collect(),
                is_closed: true,
            },
        });
    }

    /// Filled rectangles, one polygon ring each (the QR code's dark modules).
    fn filled_rects(&mut self, rects: &[(f32, f32, f32, f32)], color: Color) {
        if rects.is_empty() {
            return;
        }
        self.ops.push(Op::SetFillColor { col: color });
        self.ops.push(Op::DrawPolygon {
            polygon: Polygon {
                rings: rects
                    .iter()
                    .map(|&(x, y, w, h)| PolygonRing {
                        points: [(x, y), (x + w, y), (x + w, y + h), (x, y + h)]
                            .into_iter()
                            .map(|(x, y)| LinePoint {
                                p: pt(x, y),
                                bezier: false,
                            })
                            .collect(),
                    })
                    .collect(),
                mode: PaintMode::Fill,
                winding_order: WindingOrder::NonZero,
            },
        });
    }

    /// A circle outline (four Bézier arcs) centred on (`cx`, `cy`) mm.
    fn circle(&mut self, cx: f32, cy: f32, r: f32, thickness: f32, color: Color) {
        const K: f32 = 0.552_284_8;
        let k = r * K;
        let p = |x: f32, y: f32, bezier: bool| LinePoint {
            p: pt(cx + x, cy + y),
            bezier,
        };
        self.ops.push(Op::SetOutlineColor { col: color });
        self.ops.push(Op::SetOutlineThickness { pt: Pt(thickness) });
        self.ops.push(Op::DrawLine {
            line: Line {
                points: vec![
                    p(r, 0.0, false),
                    p(r, k, true),
                    p(k, r, true),
                    p(0.0, r, false),
                    p(-k, r, true),
                    p(-r, k, true),
                    p(-r, 0.0, false),
                    p(-r, -k, true),
                    p(-k, -r, true),
                    p(0.0, -r, false),
                    p(k, -r, true),
                    p(r, -k, true),
                    p(r, 0.0, false),
                ],
                is_closed: true,
            },
        });
    }

    /// A five-pointed star, filled.
    fn star(&mut self, cx: f32, cy: f32, r: f32, color: Color) {
        let points: Vec<LinePoint> = (0..10)
            .map(|i| {
                let radius = if i % 2 == 0 { r } else { r * 0.382 };
                let a = std::f32::consts::FRAC_PI_2 + i as f32 * std::f32::consts::PI / 5.0;
                LinePoint {
                    p: pt(cx + radius * a.cos(), cy + radius * a.sin()),
                    bezier: false,
                }
            })
            .collect();
        self.ops.push(Op::SetFillColor { col: color });
        self.ops.push(Op::DrawPolygon {
            polygon: Polygon {
                rings: vec![PolygonRing { points }],
                mode: PaintMode::Fill,
                winding_order: WindingOrder::NonZero,
            },
        });
    }
}

/// The dark modules of an `n`×`n` QR code as few rectangles (column, row, width, height, in
/// modules): runs along each row, stacked where the next rows have the same run.
fn qr_rects(colors: &[qrcode::Color], n: usize) -> Vec<(usize, usize, usize, usize)> {
    let mut runs_by_row: Vec<Vec<(usize, usize)>> = Vec::with_capacity(n);
    for row in 0..n {
        let mut runs = Vec::new();
        let mut col = 0;
        while col < n {
            if colors[row * n + col] == qrcode::Color::Dark {
                let start = col;
                while col < n && colors[row * n + col] == qrcode::Color::Dark {
                    col += 1;
                }
                runs.push((start, col - start));
            } else {
                col += 1;
            }
        }
        runs_by_row.push(runs);
    }
    let mut out = Vec::new();
    for row in 0..n {
        for &(start, width) in &runs_by_row[row].clone() {
            let mut height = 1;
            while row + height < n {
                let below = &mut runs_by_row[row + height];
                match below.iter().position(|&r| r == (start, width)) {
                    Some(i) => {
                        below.remove(i);
                        height += 1;
                    }
                    None => break,
                }
            }
            out.push((start, row, width, height));
        }
    }
    out
}

/// `2026-11-28` → `2026年11月28日`.
fn date_zh(iso: &str) -> String {
    let mut parts = iso.split('-').map(|p| p.trim_start_matches('0'));
    match (parts.next(), parts.next(), parts.next()) {
        (Some(y), Some(m), Some(d)) => format!("{y}年{m}月{d}日"),
        _ => iso.to_string(),
    }
}

/// Draws one certificate. `verify_url` is what the QR code holds. A revoked certificate
/// (`revoked_on`, its local date) is stamped 作废 across its face, so a printed copy cannot
/// pass for a valid one.
pub fn render(
    fonts: &CertificateFonts,
    payload: &CertificatePayload,
    code: &str,
    verify_url: &str,
    revoked_on: Option<&str>,
) -> DomainResult<Vec<u8>> {
    let mut w = Writer {
        fonts,
        doc: PdfDocument::new(&format!("{} {}", payload.number, payload.name)),
        main_id: None,
        fallback_ids: Vec::new(),
        ops: Vec::new(),
    };
    let ink = rgb(40, 40, 40);
    let red = rgb(176, 32, 32);
    let gold = rgb(160, 120, 40);
    let grey = rgb(110, 110, 110);
    let cx = PAGE_W / 2.0;

    // Frame: a thick outer border and a thin inner one.
    w.rect_outline(10.0, 10.0, PAGE_W - 20.0, PAGE_H - 20.0, 3.0, gold.clone());
    w.rect_outline(14.0, 14.0, PAGE_W - 28.0, PAGE_H - 28.0, 0.8, gold.clone());

    let (title, title_en) = match payload.kind {
        CertificateKind::Leader => ("电商带头人证书", "Rural E-commerce Leader Certificate"),
        CertificateKind::Honour => ("荣誉证书", "Certificate of Honour"),
        CertificateKind::Completion => ("结业证书", "Certificate of Completion"),
    };
    w.centred(title, cx, 168.0, 36.0, 8.0, red.clone());
    w.centred(title_en, cx, 158.0, 12.0, 1.0, grey.clone());

    // The holder's name, large, on its own line.
    let name_size = if fonts.width(&payload.name, 26.0, 4.0) > 180.0 / 0.3528 {
        18.0
    } else {
        26.0
    };
    w.centred(&payload.name, cx, 138.0, name_size, 4.0, ink.clone());
    w.centred(
        &format!("身份证号：{}", payload.id_number_masked),
        cx,
        129.0,
        11.0,
        0.5,
        grey.clone(),
    );

    // The statement, wrapped to the frame; smaller type when it is long.
    let outcome = match payload.kind {
        CertificateKind::Leader => "经考核合格，认定为农村电商带头人。",
        CertificateKind::Honour => "特发此证，以资鼓励。",
        CertificateKind::Completion => "成绩合格，准予结业。",
    };
    let statement = match (&payload.honour, &payload.business) {
        (Some(honour), Some(business)) => format!(
            "所经营的“{business}”在{}中被评为“{honour}”。{outcome}",
            payload.course
        ),
        (Some(honour), None) => format!("在{}中被评为“{honour}”。{outcome}", payload.course),
        _ => format!(
            "于{}至{}参加{}举办的“{}”培训，完成{}学时，{}",
            date_zh(&payload.starts_on),
            date_zh(&payload.ends_on),
            payload.provider,
            payload.course,
            payload.hours,
            outcome
        ),
    };
    let text_width_pt = (PAGE_W - 70.0) / 0.3528;
    let mut size = 16.0;
    let mut lines = wrap(fonts, &statement, size, text_width_pt);
    while lines.len() > 3 && size > 9.0 {
        size -= 1.0;
        lines = wrap(fonts, &statement, size, text_width_pt);
    }
    let line_h = size * 0.3528 * 1.7;
    let mut y = 112.0;
    for line in lines.iter().take(6) {
        w.text_at(line, 35.0, y, size, 0.0, ink.clone());
        y -= line_h;
    }

    // Bottom left: the QR code to the verification page, then number, date and code.
    let qr = qrcode::QrCode::with_error_correction_level(verify_url.as_bytes(), qrcode::EcLevel::M)
        .map_err(|e| DomainError::Internal(format!("certificate QR code: {e}")))?;
    let n = qr.width();
    let side = 30.0_f32;
    let module = side / n as f32;
    let (qx, qy) = (24.0_f32, 24.0_f32);
    let rects: Vec<(f32, f32, f32, f32)> = qr_rects(&qr.to_colors(), n)
        .into_iter()
        .map(|(col, row, width, height)| {
            (
                qx + col as f32 * module,
                qy + side - (row + height) as f32 * module,
                width as f32 * module,
                height as f32 * module,
            )
        })
        .collect();
    w.filled_rects(&rects, rgb(0, 0, 0));
    w.text_at("扫码验证", qx + 6.0, qy - 5.0, 9.0, 0.0, grey.clone());

    let left = qx + side + 6.0;
    w.text_at(
        &format!("证书编号：{}", payload.number),
        left,
        46.0,
        11.0,
        0.0,
        ink.clone(),
    );
    w.text_at(
        &format!("发证日期：{}", date_zh(&payload.issued_on)),
        left,
        39.0,
        11.0,
        0.0,
        ink.clone(),
    );
    w.text_at(
        &format!("验证码：{code}"),
        left,
        32.0,
        9.0,
        0.0,
        grey.clone(),
    );
    if let Some(old) = &payload.replaces {
        w.text_at(
            &format!("（补发，原证书 {old} 作废）"),
            left,
            26.0,
            9.0,
            0.0,
            grey.clone(),
        );
    }

    // Bottom right: the issuer and a seal.
    let (sx, sy) = (PAGE_W - 70.0, 52.0);
    w.circle(sx, sy, 17.0, 1.6, red.clone());
    w.circle(sx, sy, 15.5, 0.5, red.clone());
    w.star(sx, sy + 2.0, 5.5, red.clone());
    let issuer_lines = wrap(fonts, &payload.issuer, 12.0, 90.0 / 0.3528);
    let mut iy = 24.0 + 6.0 * issuer_lines.len().saturating_sub(1) as f32;
    for line in issuer_lines.iter().take(3) {
        w.centred(line, sx, iy, 12.0, 0.0, ink.clone());
        iy -= 6.0;
    }

    if let Some(day) = revoked_on {
        // A red stamp over the middle of the page: a double frame, 作废 large, and the date.
        let (bw, bh) = (150.0_f32, 58.0_f32);
        let (bx, by) = (cx - bw / 2.0, 78.0_f32);
        w.rect_outline(bx, by, bw, bh, 4.0, red.clone());
        w.rect_outline(bx + 3.0, by + 3.0, bw - 6.0, bh - 6.0, 1.2, red.clone());
        w.centred("作废", cx, by + 26.0, 64.0, 24.0, red.clone());
        w.centred(
            &format!("本证书已于{}作废 · REVOKED", date_zh(day)),
            cx,
            by + 10.0,
            13.0,
            0.5,
            red.clone(),
        );
    }

    let page = PdfPage::new(Mm(PAGE_W), Mm(PAGE_H), w.ops);
    let bytes = w
        .doc
        .with_pages(vec![page])
        .save(&PdfSaveOptions::default(), &mut Vec::new());
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qr_rectangles_cover_exactly_the_dark_modules() {
        let qr =
            qrcode::QrCode::new(b"http://127.0.0.1:3000/verify/abcdefghijklmnopqrstuvwxyz234567")
                .unwrap();
        let n = qr.width();
        let colors = qr.to_colors();
        let rects = qr_rects(&colors, n);
        let mut covered = vec![0u8; n * n];
        for (col, row, w, h) in &rects {
            for r in *row..row + h {
                for c in *col..col + w {
                    covered[r * n + c] += 1;
                }
            }
        }
        for i in 0..n * n {
            let dark = colors[i] == qrcode::Color::Dark;
            assert_eq!(covered[i], u8::from(dark), "module {i}");
        }
        let dark = colors.iter().filter(|c| **c == qrcode::Color::Dark).count();
        assert!(
            rects.len() * 2 < dark,
            "{} rectangles for {dark} modules",
            rects.len()
        );
    }

    #[test]
    fn dates_in_chinese() {
        assert_eq!(date_zh("2026-01-05"), "2026年1月5日");
        assert_eq!(date_zh("bad"), "bad");
    }
}
