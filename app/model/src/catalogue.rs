//! The public course catalogue on the wire: the search form, course cards and course pages.

use crate::enums::{CourseLevel, CourseMode, CourseStatus, Funding, Programme};
use crate::i18n::Msg;
use serde::{Deserialize, Serialize};

/// The local industries a course can be tagged with (stored as comma-separated codes).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Industry {
    JunPorcelain,
    ChineseMedicine,
    FilterPress,
    SweetPotatoStarch,
    FarmProduce,
}

impl Industry {
    pub const ALL: &[Self] = &[
        Self::JunPorcelain,
        Self::ChineseMedicine,
        Self::FilterPress,
        Self::SweetPotatoStarch,
        Self::FarmProduce,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            Self::JunPorcelain => "jun_porcelain",
            Self::ChineseMedicine => "chinese_medicine",
            Self::FilterPress => "filter_press",
            Self::SweetPotatoStarch => "sweet_potato_starch",
            Self::FarmProduce => "farm_produce",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.as_str() == code)
    }

    /// The industries in a stored tag list, skipping unknown codes.
    pub fn from_tags(tags: &str) -> Vec<Self> {
        tags.split(',')
            .filter_map(|t| Self::parse(t.trim()))
            .collect()
    }

    pub fn label(self) -> Msg {
        match self {
            Self::JunPorcelain => Msg::IndustryJunPorcelain,
            Self::ChineseMedicine => Msg::IndustryChineseMedicine,
            Self::FilterPress => Msg::IndustryFilterPress,
            Self::SweetPotatoStarch => Msg::IndustrySweetPotatoStarch,
            Self::FarmProduce => Msg::IndustryFarmProduce,
        }
    }
}

pub const CATALOGUE_PER_PAGE: u64 = 20;

/// The catalogue's filters, as they appear in its URL (`/courses?q=直播&programme=livestream`).
/// Unknown or malformed values are ignored rather than refused: a visitor editing the URL
/// gets a wider search, never an error page.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "ssr", into_params(parameter_in = Query))]
pub struct CatalogueQuery {
    /// Words to find in the title or description (all of them).
    #[serde(default)]
    pub q: String,
    pub programme: Option<Programme>,
    pub industry: Option<Industry>,
    pub town: Option<i32>,
    pub mode: Option<CourseMode>,
    pub level: Option<CourseLevel>,
    /// Courses starting on or after this date (YYYY-MM-DD).
    pub from: Option<chrono::NaiveDate>,
    /// Courses starting on or before this date.
    pub to: Option<chrono::NaiveDate>,
    /// Only courses with places left.
    #[serde(default)]
    pub free_places: bool,
    #[serde(default = "first_page")]
    pub page: u64,
}

fn first_page() -> u64 {
    1
}

impl CatalogueQuery {
    /// Reads the query from URL parameters, ignoring what does not parse.
    pub fn from_params(get: impl Fn(&str) -> Option<String>) -> Self {
        let non_empty = |k: &str| {
            get(k)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        CatalogueQuery {
            q: non_empty("q")
                .unwrap_or_default()
                .chars()
                .take(100)
                .collect(),
            programme: non_empty("programme").and_then(|v| Programme::parse(&v)),
            industry: non_empty("industry").and_then(|v| Industry::parse(&v)),
            town: non_empty("town").and_then(|v| v.parse().ok()),
            mode: non_empty("mode").and_then(|v| CourseMode::parse(&v)),
            level: non_empty("level").and_then(|v| CourseLevel::parse(&v)),
            from: non_empty("from").and_then(|v| v.parse().ok()),
            to: non_empty("to").and_then(|v| v.parse().ok()),
            free_places: non_empty("free_places")
                .is_some_and(|v| v == "1" || v == "true" || v == "on"),
            page: non_empty("page")
                .and_then(|v| v.parse().ok())
                .filter(|p| *p >= 1)
                .unwrap_or(1),
        }
    }

    /// The URL parameters for this query on another page.
    pub fn to_params(&self, page: u64) -> String {
        let mut out = Vec::new();
        let mut push =
            |k: &str, v: String| out.push(format!("{k}={}", crate::form::encode_component(&v)));
        if !self.q.is_empty() {
            push("q", self.q.clone());
        }
        if let Some(v) = self.programme {
            push("programme", v.as_str().into());
        }
        if let Some(v) = self.industry {
            push("industry", v.as_str().into());
        }
        if let Some(v) = self.town {
            push("town", v.to_string());
        }
        if let Some(v) = self.mode {
            push("mode", v.as_str().into());
        }
        if let Some(v) = self.level {
            push("level", v.as_str().into());
        }
        if let Some(v) = self.from {
            push("from", v.to_string());
        }
        if let Some(v) = self.to {
            push("to", v.to_string());
        }
        if self.free_places {
            push("free_places", "1".into());
        }
        if page > 1 {
            push("page", page.to_string());
        }
        out.join("&")
    }
}

/// A town as the catalogue's filter lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TownOption {
    pub id: i32,
    pub name_zh: String,
    pub name_en: String,
}

/// The towns' English names by their Chinese ones, as the server last read them from the
/// `towns` table (see `domain::towns::list`). Records carry a town's Chinese name; pages shown
/// in English look the English one up here. Empty in the browser, where names stay as given.
static ENGLISH_TOWNS: std::sync::RwLock<Vec<(String, String)>> = std::sync::RwLock::new(Vec::new());

/// Keeps the towns' names for [`town_in`].
pub fn remember_towns<'a>(towns: impl Iterator<Item = (&'a str, &'a str)>) {
    let pairs: Vec<(String, String)> = towns
        .map(|(zh, en)| (zh.to_string(), en.to_string()))
        .collect();
    let mut kept = ENGLISH_TOWNS.write().unwrap_or_else(|e| e.into_inner());
    if *kept != pairs {
        *kept = pairs;
    }
}

/// A town's name (as records carry it, in Chinese) in `locale`; a name not known is shown as
/// it is.
pub fn town_in(name: &str, locale: crate::i18n::Locale) -> String {
    if locale == crate::i18n::Locale::ZhCn {
        return name.to_string();
    }
    let kept = ENGLISH_TOWNS.read().unwrap_or_else(|e| e.into_inner());
    kept.iter()
        .find(|(zh, _)| zh == name)
        .map(|(_, en)| en.clone())
        .unwrap_or_else(|| name.to_string())
}

/// One course in the catalogue list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CourseCard {
    pub id: i32,
    pub title: String,
    pub programme: Programme,
    pub industries: Vec<Industry>,
    pub level: CourseLevel,
    pub mode: CourseMode,
    pub funding: Funding,
    pub status: CourseStatus,
    pub provider: String,
    pub town: Option<TownOption>,
    pub starts_on: chrono::NaiveDate,
    pub ends_on: chrono::NaiveDate,
    pub total_hours: f64,
    pub capacity: i32,
    pub places_left: i32,
    /// Open for enrolment now, with places left.
    #[serde(default)]
    pub enrolling: bool,
}

impl CourseCard {
    /// Lectures and salons are shown as events: date first.
    pub fn is_event(&self) -> bool {
        self.programme == Programme::LectureSalon
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CataloguePage {
    pub items: Vec<CourseCard>,
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
    pub towns: Vec<TownOption>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SessionRow {
    /// Local (Beijing) date and times, formatted for display.
    pub date: String,
    pub time: String,
    pub topic: String,
    pub hours: f64,
    pub place: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CourseDetail {
    pub card: CourseCard,
    /// Plain text; rendered as text (never as HTML), paragraphs split on blank lines.
    pub description: String,
    pub venue: Option<String>,
    pub enrol_closes: Option<String>,
    /// Enrolment is open now (status open, inside the window, places left or a waitlist).
    pub enrolment_open: bool,
    pub sessions: Vec<SessionRow>,
    /// For a signed-in trainee: whether they can enrol, and their standing on this course.
    pub trainee: Option<TraineeStanding>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TraineeStanding {
    pub profile_complete: bool,
    pub enrolment: Option<crate::enrolment::MyEnrolment>,
}

/// A block of a description: plain text with light structure, never HTML.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TextBlock {
    /// Lines of one paragraph (shown with line breaks).
    Paragraph(Vec<String>),
    /// Items of a bulleted list (lines starting with "- ", "* " or "• ").
    List(Vec<String>),
}

/// Splits a description into paragraphs (blank lines) and lists. The result is rendered as
/// text nodes, so whatever the description holds (HTML, scripts) is shown, never run.
pub fn text_blocks(text: &str) -> Vec<TextBlock> {
    let mut blocks = Vec::new();
    for chunk in text.replace("\r\n", "\n").split("\n\n") {
        let mut para: Vec<String> = Vec::new();
        let mut list: Vec<String> = Vec::new();
        for line in chunk.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let item = ["- ", "* ", "• "].iter().find_map(|p| line.strip_prefix(p));
            match item {
                Some(item) => {
                    if !para.is_empty() {
                        blocks.push(TextBlock::Paragraph(std::mem::take(&mut para)));
                    }
                    list.push(item.trim().to_string());
                }
                None => {
                    if !list.is_empty() {
                        blocks.push(TextBlock::List(std::mem::take(&mut list)));
                    }
                    para.push(line.to_string());
                }
            }
        }
        if !para.is_empty() {
            blocks.push(TextBlock::Paragraph(para));
        }
        if !list.is_empty() {
            blocks.push(TextBlock::List(list));
        }
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions_become_paragraphs_and_lists() {
        let blocks = text_blocks("第一段\n第二行\n\n- 开店\n- 拍摄\n结尾<b>");
        assert_eq!(
            blocks,
            vec![
                TextBlock::Paragraph(vec!["第一段".into(), "第二行".into()]),
                TextBlock::List(vec!["开店".into(), "拍摄".into()]),
                TextBlock::Paragraph(vec!["结尾<b>".into()]),
            ]
        );
    }

    #[test]
    fn queries_round_trip_through_the_url_and_ignore_junk() {
        let q = CatalogueQuery {
            q: "直播 钧瓷".into(),
            programme: Some(Programme::Livestream),
            industry: Some(Industry::JunPorcelain),
            town: Some(5),
            free_places: true,
            page: 2,
            ..Default::default()
        };
        let params = q.to_params(2);
        let map: std::collections::HashMap<String, String> = params
            .split('&')
            .map(|kv| {
                let (k, v) = kv.split_once('=').unwrap();
                (k.to_string(), percent_decode(v))
            })
            .collect();
        assert_eq!(CatalogueQuery::from_params(|k| map.get(k).cloned()), q);
        let junk = CatalogueQuery::from_params(|k| match k {
            "programme" => Some("<script>".into()),
            "town" => Some("abc".into()),
            "page" => Some("0".into()),
            "from" => Some("2026-13-40".into()),
            _ => None,
        });
        assert_eq!(
            junk,
            CatalogueQuery {
                page: 1,
                ..Default::default()
            }
        );
    }

    fn percent_decode(s: &str) -> String {
        let bytes = s.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'%' {
                out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
                i += 3;
            } else {
                out.push(bytes[i]);
                i += 1;
            }
        }
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn tags_parse() {
        assert_eq!(
            Industry::from_tags("jun_porcelain, farm_produce,unknown"),
            vec![Industry::JunPorcelain, Industry::FarmProduce]
        );
    }
}
