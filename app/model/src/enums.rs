//! The string-coded enums shared by the browser and the server.
//!
//! Each enum is stored in the database as its snake_case code (a short string column with a CHECK
//! listing the codes, see `migrations`), sent over the wire as the same code (serde), and turned
//! into sea-orm values only on the server (`ssr`), so this file compiles for wasm32 unchanged.
//! `as_str()` is that code; `ALL` lists the variants in display order.
//!
//! Adding a variant needs a migration that widens the column's CHECK first.

/// What a user may do; each account has exactly one role.
// Which operations each role may perform is decided in `domain::policy` (docs/ARCHITECTURE.md);
// this text is the schema's description in the API document, so it stays about the product.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "ssr",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum, utoipa::ToSchema)
)]
#[cfg_attr(
    feature = "ssr",
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::N(32))"
    )
)]
pub enum Role {
    /// 学员: signs up, enrols, reports outcomes.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "trainee"))]
    Trainee,
    /// 合作机构: staff of one partner organisation.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "partner_staff"))]
    PartnerStaff,
    /// 人社局: HR bureau programme staff.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "bureau_admin"))]
    BureauAdmin,
    /// Read-only bureau or town official; a town official has `users.town_id` set.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "bureau_viewer"))]
    BureauViewer,
}

impl Role {
    pub const ALL: &[Self] = &[
        Self::Trainee,
        Self::PartnerStaff,
        Self::BureauAdmin,
        Self::BureauViewer,
    ];

    /// The code stored in the database and sent over the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Trainee => "trainee",
            Self::PartnerStaff => "partner_staff",
            Self::BureauAdmin => "bureau_admin",
            Self::BureauViewer => "bureau_viewer",
        }
    }

    /// The variant for a code, as `as_str()` spells it.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.as_str() == code)
    }
}

/// Whether an account may sign in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "ssr",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum, utoipa::ToSchema)
)]
#[cfg_attr(
    feature = "ssr",
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::N(32))"
    )
)]
pub enum UserStatus {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "active"))]
    Active,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "disabled"))]
    Disabled,
}

impl UserStatus {
    pub const ALL: &[Self] = &[Self::Active, Self::Disabled];

    /// The code stored in the database and sent over the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Disabled => "disabled",
        }
    }

    /// The variant for a code, as `as_str()` spells it.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.as_str() == code)
    }
}

/// The administrative level of one of the 26 units.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "ssr",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum, utoipa::ToSchema)
)]
#[cfg_attr(
    feature = "ssr",
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::N(32))"
    )
)]
pub enum TownKind {
    /// 街道
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "subdistrict"))]
    Subdistrict,
    /// 镇
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "town"))]
    Town,
    /// 乡
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "township"))]
    Township,
}

impl TownKind {
    pub const ALL: &[Self] = &[Self::Subdistrict, Self::Town, Self::Township];

    /// The code stored in the database and sent over the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Subdistrict => "subdistrict",
            Self::Town => "town",
            Self::Township => "township",
        }
    }

    /// The variant for a code, as `as_str()` spells it.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.as_str() == code)
    }
}

/// The kind of partner organisation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "ssr",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum, utoipa::ToSchema)
)]
#[cfg_attr(
    feature = "ssr",
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::N(32))"
    )
)]
pub enum OrganisationKind {
    /// 高校/职业院校
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "college"))]
    College,
    /// 培训学校
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "training_school"))]
    TrainingSchool,
    /// 企业
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "enterprise"))]
    Enterprise,
    /// 孵化基地
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "incubation_base"))]
    IncubationBase,
    /// 直播基地
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "livestream_base"))]
    LivestreamBase,
    /// 协会
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "association"))]
    Association,
}

impl OrganisationKind {
    pub const ALL: &[Self] = &[
        Self::College,
        Self::TrainingSchool,
        Self::Enterprise,
        Self::IncubationBase,
        Self::LivestreamBase,
        Self::Association,
    ];

    /// The code stored in the database and sent over the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::College => "college",
            Self::TrainingSchool => "training_school",
            Self::Enterprise => "enterprise",
            Self::IncubationBase => "incubation_base",
            Self::LivestreamBase => "livestream_base",
            Self::Association => "association",
        }
    }

    /// The variant for a code, as `as_str()` spells it.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.as_str() == code)
    }
}

/// A partner's standing: pending → approved / rejected → suspended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "ssr",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum, utoipa::ToSchema)
)]
#[cfg_attr(
    feature = "ssr",
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::N(32))"
    )
)]
pub enum OrganisationStatus {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "pending"))]
    Pending,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "approved"))]
    Approved,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "rejected"))]
    Rejected,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "suspended"))]
    Suspended,
}

impl OrganisationStatus {
    pub const ALL: &[Self] = &[
        Self::Pending,
        Self::Approved,
        Self::Rejected,
        Self::Suspended,
    ];

    /// The code stored in the database and sent over the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Approved => "approved",
            Self::Rejected => "rejected",
            Self::Suspended => "suspended",
        }
    }

    /// The variant for a code, as `as_str()` spells it.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.as_str() == code)
    }
}

/// The training programme a course belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "ssr",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum, utoipa::ToSchema)
)]
#[cfg_attr(
    feature = "ssr",
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::N(32))"
    )
)]
pub enum Programme {
    /// 农村电商
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "rural"))]
    Rural,
    /// 产业电商
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "industry"))]
    Industry,
    /// 直播电商
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "livestream"))]
    Livestream,
    /// 跨境电商
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "cross_border"))]
    CrossBorder,
    /// 电商大讲堂/沙龙
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "lecture_salon"))]
    LectureSalon,
}

impl Programme {
    pub const ALL: &[Self] = &[
        Self::Rural,
        Self::Industry,
        Self::Livestream,
        Self::CrossBorder,
        Self::LectureSalon,
    ];

    /// The code stored in the database and sent over the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Rural => "rural",
            Self::Industry => "industry",
            Self::Livestream => "livestream",
            Self::CrossBorder => "cross_border",
            Self::LectureSalon => "lecture_salon",
        }
    }

    /// The variant for a code, as `as_str()` spells it.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.as_str() == code)
    }
}

/// How advanced a course is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "ssr",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum, utoipa::ToSchema)
)]
#[cfg_attr(
    feature = "ssr",
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::N(32))"
    )
)]
pub enum CourseLevel {
    /// 入门
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "entry"))]
    Entry,
    /// 提高
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "advanced"))]
    Advanced,
    /// 带头人
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "leader"))]
    Leader,
}

impl CourseLevel {
    pub const ALL: &[Self] = &[Self::Entry, Self::Advanced, Self::Leader];

    /// The code stored in the database and sent over the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Entry => "entry",
            Self::Advanced => "advanced",
            Self::Leader => "leader",
        }
    }

    /// The variant for a code, as `as_str()` spells it.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.as_str() == code)
    }
}

/// Where a course is taught.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "ssr",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum, utoipa::ToSchema)
)]
#[cfg_attr(
    feature = "ssr",
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::N(32))"
    )
)]
pub enum CourseMode {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "onsite"))]
    Onsite,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "online"))]
    Online,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "mixed"))]
    Mixed,
}

impl CourseMode {
    pub const ALL: &[Self] = &[Self::Onsite, Self::Online, Self::Mixed];

    /// The code stored in the database and sent over the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Onsite => "onsite",
            Self::Online => "online",
            Self::Mixed => "mixed",
        }
    }

    /// The variant for a code, as `as_str()` spells it.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.as_str() == code)
    }
}

/// Who pays for a course.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "ssr",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum, utoipa::ToSchema)
)]
#[cfg_attr(
    feature = "ssr",
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::N(32))"
    )
)]
pub enum Funding {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "free"))]
    Free,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "subsidised"))]
    Subsidised,
}

impl Funding {
    pub const ALL: &[Self] = &[Self::Free, Self::Subsidised];

    /// The code stored in the database and sent over the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Free => "free",
            Self::Subsidised => "subsidised",
        }
    }

    /// The variant for a code, as `as_str()` spells it.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.as_str() == code)
    }
}

/// draft → submitted → approved/rejected → open → running → finished → archived.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "ssr",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum, utoipa::ToSchema)
)]
#[cfg_attr(
    feature = "ssr",
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::N(32))"
    )
)]
pub enum CourseStatus {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "draft"))]
    Draft,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "submitted"))]
    Submitted,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "approved"))]
    Approved,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "rejected"))]
    Rejected,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "open"))]
    Open,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "running"))]
    Running,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "finished"))]
    Finished,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "archived"))]
    Archived,
}

impl CourseStatus {
    pub const ALL: &[Self] = &[
        Self::Draft,
        Self::Submitted,
        Self::Approved,
        Self::Rejected,
        Self::Open,
        Self::Running,
        Self::Finished,
        Self::Archived,
    ];

    /// The code stored in the database and sent over the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Submitted => "submitted",
            Self::Approved => "approved",
            Self::Rejected => "rejected",
            Self::Open => "open",
            Self::Running => "running",
            Self::Finished => "finished",
            Self::Archived => "archived",
        }
    }

    /// The variant for a code, as `as_str()` spells it.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.as_str() == code)
    }
}

/// Where a trainee stands on one course.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "ssr",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum, utoipa::ToSchema)
)]
#[cfg_attr(
    feature = "ssr",
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::N(32))"
    )
)]
pub enum EnrollmentStatus {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "enrolled"))]
    Enrolled,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "waitlisted"))]
    Waitlisted,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "withdrawn"))]
    Withdrawn,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "completed"))]
    Completed,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "not_completed"))]
    NotCompleted,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "removed"))]
    Removed,
}

impl EnrollmentStatus {
    /// On the course: holding a seat, before or after completion is confirmed.
    pub const ON_COURSE: [Self; 3] = [Self::Enrolled, Self::Completed, Self::NotCompleted];

    pub const ALL: &[Self] = &[
        Self::Enrolled,
        Self::Waitlisted,
        Self::Withdrawn,
        Self::Completed,
        Self::NotCompleted,
        Self::Removed,
    ];

    /// The code stored in the database and sent over the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Enrolled => "enrolled",
            Self::Waitlisted => "waitlisted",
            Self::Withdrawn => "withdrawn",
            Self::Completed => "completed",
            Self::NotCompleted => "not_completed",
            Self::Removed => "removed",
        }
    }

    /// The variant for a code, as `as_str()` spells it.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.as_str() == code)
    }
}

/// Where an import of trainees stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "ssr",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum, utoipa::ToSchema)
)]
#[cfg_attr(
    feature = "ssr",
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::N(20))"
    )
)]
pub enum ImportStatus {
    /// Checked, shown to the importer, nothing saved yet.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "previewed"))]
    Previewed,
    /// Being saved.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "applying"))]
    Applying,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "applied"))]
    Applied,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "discarded"))]
    Discarded,
}

impl ImportStatus {
    pub const ALL: &[Self] = &[
        Self::Previewed,
        Self::Applying,
        Self::Applied,
        Self::Discarded,
    ];

    /// The code stored in the database and sent over the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Previewed => "previewed",
            Self::Applying => "applying",
            Self::Applied => "applied",
            Self::Discarded => "discarded",
        }
    }

    /// The variant for a code, as `as_str()` spells it.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.as_str() == code)
    }
}

/// What an uploaded sheet imports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "ssr",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum, utoipa::ToSchema)
)]
#[cfg_attr(
    feature = "ssr",
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::N(20))"
    )
)]
pub enum ImportKind {
    /// Trainees (and optionally their enrolment in a course).
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "trainees"))]
    Trainees,
    /// Attendance marks for a course's sessions.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "attendance"))]
    Attendance,
}

impl ImportKind {
    pub const ALL: &[Self] = &[Self::Trainees, Self::Attendance];

    /// The code stored in the database and sent over the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Trainees => "trainees",
            Self::Attendance => "attendance",
        }
    }

    /// The variant for a code, as `as_str()` spells it.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.as_str() == code)
    }
}

/// One trainee at one session.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "ssr",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum, utoipa::ToSchema)
)]
#[cfg_attr(
    feature = "ssr",
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::N(32))"
    )
)]
pub enum AttendanceStatus {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "present"))]
    Present,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "late"))]
    Late,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "absent"))]
    Absent,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "excused"))]
    Excused,
}

impl AttendanceStatus {
    pub const ALL: &[Self] = &[Self::Present, Self::Late, Self::Absent, Self::Excused];

    /// The code stored in the database and sent over the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Present => "present",
            Self::Late => "late",
            Self::Absent => "absent",
            Self::Excused => "excused",
        }
    }

    /// The variant for a code, as `as_str()` spells it.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.as_str() == code)
    }
}

/// How an attendance mark was recorded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "ssr",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum, utoipa::ToSchema)
)]
#[cfg_attr(
    feature = "ssr",
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::N(32))"
    )
)]
pub enum AttendanceMethod {
    /// Marked by partner staff.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "staff"))]
    Staff,
    /// Trainee scanned the session's check-in code.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "qr"))]
    Qr,
    /// Imported from a spreadsheet.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "import"))]
    Import,
}

impl AttendanceMethod {
    pub const ALL: &[Self] = &[Self::Staff, Self::Qr, Self::Import];

    /// The code stored in the database and sent over the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Staff => "staff",
            Self::Qr => "qr",
            Self::Import => "import",
        }
    }

    /// The variant for a code, as `as_str()` spells it.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.as_str() == code)
    }
}

/// What a certificate certifies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "ssr",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum, utoipa::ToSchema)
)]
#[cfg_attr(
    feature = "ssr",
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::N(32))"
    )
)]
pub enum CertificateKind {
    /// 结业证书
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "completion"))]
    Completion,
    /// 电商带头人
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "leader"))]
    Leader,
    /// 诚信带货主播 and other honours
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "honour"))]
    Honour,
}

impl CertificateKind {
    pub const ALL: &[Self] = &[Self::Completion, Self::Leader, Self::Honour];

    /// The code stored in the database and sent over the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Completion => "completion",
            Self::Leader => "leader",
            Self::Honour => "honour",
        }
    }

    /// The variant for a code, as `as_str()` spells it.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.as_str() == code)
    }
}

/// Whether a certificate still stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "ssr",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum, utoipa::ToSchema)
)]
#[cfg_attr(
    feature = "ssr",
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::N(32))"
    )
)]
pub enum CertificateStatus {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "valid"))]
    Valid,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "revoked"))]
    Revoked,
}

impl CertificateStatus {
    pub const ALL: &[Self] = &[Self::Valid, Self::Revoked];

    /// The code stored in the database and sent over the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Valid => "valid",
            Self::Revoked => "revoked",
        }
    }

    /// The variant for a code, as `as_str()` spells it.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.as_str() == code)
    }
}

/// What a trainee applies for at a base.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "ssr",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum, utoipa::ToSchema)
)]
#[cfg_attr(
    feature = "ssr",
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::N(32))"
    )
)]
pub enum PlacementKind {
    /// 孵化
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "incubation"))]
    Incubation,
    /// 实习
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "internship"))]
    Internship,
    /// 直播间
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "livestream_room"))]
    LivestreamRoom,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "job"))]
    Job,
}

impl PlacementKind {
    pub const ALL: &[Self] = &[
        Self::Incubation,
        Self::Internship,
        Self::LivestreamRoom,
        Self::Job,
    ];

    /// The code stored in the database and sent over the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Incubation => "incubation",
            Self::Internship => "internship",
            Self::LivestreamRoom => "livestream_room",
            Self::Job => "job",
        }
    }

    /// The variant for a code, as `as_str()` spells it.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.as_str() == code)
    }
}

/// applied → accepted/rejected → active → graduated/left.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "ssr",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum, utoipa::ToSchema)
)]
#[cfg_attr(
    feature = "ssr",
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::N(32))"
    )
)]
pub enum PlacementStatus {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "applied"))]
    Applied,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "accepted"))]
    Accepted,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "rejected"))]
    Rejected,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "active"))]
    Active,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "graduated"))]
    Graduated,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "left"))]
    Left,
}

impl PlacementStatus {
    pub const ALL: &[Self] = &[
        Self::Applied,
        Self::Accepted,
        Self::Rejected,
        Self::Active,
        Self::Graduated,
        Self::Left,
    ];

    /// The code stored in the database and sent over the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Applied => "applied",
            Self::Accepted => "accepted",
            Self::Rejected => "rejected",
            Self::Active => "active",
            Self::Graduated => "graduated",
            Self::Left => "left",
        }
    }

    /// The variant for a code, as `as_str()` spells it.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.as_str() == code)
    }
}

/// What a trainee is doing at an outcome's as-of date (就业创业).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "ssr",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum, utoipa::ToSchema)
)]
#[cfg_attr(
    feature = "ssr",
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::N(32))"
    )
)]
pub enum OutcomeKind {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "employed"))]
    Employed,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "self_employed"))]
    SelfEmployed,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "business_started"))]
    BusinessStarted,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "online_store"))]
    OnlineStore,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "livestream_host"))]
    LivestreamHost,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "further_study"))]
    FurtherStudy,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "not_working"))]
    NotWorking,
}

impl OutcomeKind {
    pub const ALL: &[Self] = &[
        Self::Employed,
        Self::SelfEmployed,
        Self::BusinessStarted,
        Self::OnlineStore,
        Self::LivestreamHost,
        Self::FurtherStudy,
        Self::NotWorking,
    ];

    /// The code stored in the database and sent over the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Employed => "employed",
            Self::SelfEmployed => "self_employed",
            Self::BusinessStarted => "business_started",
            Self::OnlineStore => "online_store",
            Self::LivestreamHost => "livestream_host",
            Self::FurtherStudy => "further_study",
            Self::NotWorking => "not_working",
        }
    }

    /// The variant for a code, as `as_str()` spells it.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.as_str() == code)
    }
}

/// Where an outcome record came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "ssr",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum, utoipa::ToSchema)
)]
#[cfg_attr(
    feature = "ssr",
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::N(32))"
    )
)]
pub enum OutcomeSource {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "self_reported"))]
    SelfReported,
    /// From a 3/6/12-month follow-up call.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "follow_up"))]
    FollowUp,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "verified"))]
    Verified,
}

impl OutcomeSource {
    pub const ALL: &[Self] = &[Self::SelfReported, Self::FollowUp, Self::Verified];

    /// The code stored in the database and sent over the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::SelfReported => "self_reported",
            Self::FollowUp => "follow_up",
            Self::Verified => "verified",
        }
    }

    /// The variant for a code, as `as_str()` spells it.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.as_str() == code)
    }
}

/// A scheduled follow-up of a completed enrolment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "ssr",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum, utoipa::ToSchema)
)]
#[cfg_attr(
    feature = "ssr",
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::N(32))"
    )
)]
pub enum FollowUpStatus {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "due"))]
    Due,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "done"))]
    Done,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "unreachable"))]
    Unreachable,
}

impl FollowUpStatus {
    pub const ALL: &[Self] = &[Self::Due, Self::Done, Self::Unreachable];

    /// The code stored in the database and sent over the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Due => "due",
            Self::Done => "done",
            Self::Unreachable => "unreachable",
        }
    }

    /// The variant for a code, as `as_str()` spells it.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.as_str() == code)
    }
}

/// The kind of school–enterprise cooperation (校企合作).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "ssr",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum, utoipa::ToSchema)
)]
#[cfg_attr(
    feature = "ssr",
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::N(32))"
    )
)]
pub enum AgreementKind {
    /// 实习基地
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "internship_base"))]
    InternshipBase,
    /// 订单班
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "order_class"))]
    OrderClass,
    /// 共建实训中心
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "co_built_centre"))]
    CoBuiltCentre,
    /// 就业安置
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "job_placement"))]
    JobPlacement,
}

impl AgreementKind {
    pub const ALL: &[Self] = &[
        Self::InternshipBase,
        Self::OrderClass,
        Self::CoBuiltCentre,
        Self::JobPlacement,
    ];

    /// The code stored in the database and sent over the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::InternshipBase => "internship_base",
            Self::OrderClass => "order_class",
            Self::CoBuiltCentre => "co_built_centre",
            Self::JobPlacement => "job_placement",
        }
    }

    /// The variant for a code, as `as_str()` spells it.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.as_str() == code)
    }
}

/// proposed → confirmed → ended, or cancelled.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "ssr",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum, utoipa::ToSchema)
)]
#[cfg_attr(
    feature = "ssr",
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::N(32))"
    )
)]
pub enum AgreementStatus {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "proposed"))]
    Proposed,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "confirmed"))]
    Confirmed,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "ended"))]
    Ended,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "cancelled"))]
    Cancelled,
}

impl AgreementStatus {
    pub const ALL: &[Self] = &[
        Self::Proposed,
        Self::Confirmed,
        Self::Ended,
        Self::Cancelled,
    ];

    /// The code stored in the database and sent over the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Proposed => "proposed",
            Self::Confirmed => "confirmed",
            Self::Ended => "ended",
            Self::Cancelled => "cancelled",
        }
    }

    /// The variant for a code, as `as_str()` spells it.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.as_str() == code)
    }
}

/// As derived from the ID number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "ssr",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum, utoipa::ToSchema)
)]
#[cfg_attr(
    feature = "ssr",
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::N(32))"
    )
)]
pub enum Gender {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "male"))]
    Male,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "female"))]
    Female,
}

impl Gender {
    pub const ALL: &[Self] = &[Self::Male, Self::Female];

    /// The code stored in the database and sent over the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Male => "male",
            Self::Female => "female",
        }
    }

    /// The variant for a code, as `as_str()` spells it.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.as_str() == code)
    }
}

/// What an annual target is set for; `targets.scope_value` names the town, programme or industry
/// (empty for the whole city).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "ssr",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum, utoipa::ToSchema)
)]
#[cfg_attr(
    feature = "ssr",
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::N(32))"
    )
)]
pub enum TargetScope {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "city"))]
    City,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "town"))]
    Town,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "programme"))]
    Programme,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "industry"))]
    Industry,
}

impl TargetScope {
    pub const ALL: &[Self] = &[Self::City, Self::Town, Self::Programme, Self::Industry];

    /// The code stored in the database and sent over the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::City => "city",
            Self::Town => "town",
            Self::Programme => "programme",
            Self::Industry => "industry",
        }
    }

    /// The variant for a code, as `as_str()` spells it.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.as_str() == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// serde, `as_str` and `parse` must agree, or the browser and the database disagree.
    macro_rules! check_codes {
        ($($enum:ident),* $(,)?) => {$(
            for v in $enum::ALL {
                let json = serde_json::to_string(v).unwrap();
                assert_eq!(json, format!("\"{}\"", v.as_str()), "{}", stringify!($enum));
                assert_eq!($enum::parse(v.as_str()), Some(*v));
            }
        )*};
    }

    #[test]
    fn codes_agree() {
        check_codes!(
            Role,
            UserStatus,
            TownKind,
            OrganisationKind,
            OrganisationStatus,
            Programme,
            CourseLevel,
            CourseMode,
            Funding,
            CourseStatus,
            EnrollmentStatus,
            ImportStatus,
            ImportKind,
            AttendanceStatus,
            AttendanceMethod,
            CertificateKind,
            CertificateStatus,
            PlacementKind,
            PlacementStatus,
            OutcomeKind,
            OutcomeSource,
            FollowUpStatus,
            AgreementKind,
            AgreementStatus,
            Gender,
            TargetScope,
            PlaceStatus,
            BaseEventKind,
            SelectionKind,
            RoundStatus,
            NominationStatus,
            ViolationEffect,
            ObjectionStatus,
            HostSource,
            RegistrationStatus
        );
    }
}

/// Whether a base's place takes applications.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "ssr",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum, utoipa::ToSchema)
)]
#[cfg_attr(
    feature = "ssr",
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::N(20))"
    )
)]
pub enum PlaceStatus {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "open"))]
    Open,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "closed"))]
    Closed,
}

impl PlaceStatus {
    pub const ALL: &[Self] = &[Self::Open, Self::Closed];

    /// The code stored in the database and sent over the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Closed => "closed",
        }
    }

    /// The variant for a code, as `as_str()` spells it.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.as_str() == code)
    }
}

/// What kind of event a base held (培训讲座, 沙龙, 路演, 对接会, 大赛, 其他).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "ssr",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum, utoipa::ToSchema)
)]
#[cfg_attr(
    feature = "ssr",
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::N(20))"
    )
)]
pub enum BaseEventKind {
    /// 培训讲座
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "training"))]
    Training,
    /// 沙龙、交流会
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "salon"))]
    Salon,
    /// 项目路演
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "roadshow"))]
    Roadshow,
    /// 产销、用工对接会
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "matchmaking"))]
    Matchmaking,
    /// 大赛
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "contest"))]
    Contest,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "other"))]
    Other,
}

impl BaseEventKind {
    pub const ALL: &[Self] = &[
        Self::Training,
        Self::Salon,
        Self::Roadshow,
        Self::Matchmaking,
        Self::Contest,
        Self::Other,
    ];

    /// The code stored in the database and sent over the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Training => "training",
            Self::Salon => "salon",
            Self::Roadshow => "roadshow",
            Self::Matchmaking => "matchmaking",
            Self::Contest => "contest",
            Self::Other => "other",
        }
    }

    /// The variant for a code, as `as_str()` spells it.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.as_str() == code)
    }
}

/// What a selection round chooses: honest livestream hosts (诚信带货主播) or civilised honest e-commerce businesses (文明诚信电商).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "ssr",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum, utoipa::ToSchema)
)]
#[cfg_attr(
    feature = "ssr",
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::N(20))"
    )
)]
pub enum SelectionKind {
    /// 诚信带货主播
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "honest_host"))]
    HonestHost,
    /// 文明诚信电商
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "honest_business"))]
    HonestBusiness,
}

impl SelectionKind {
    pub const ALL: &[Self] = &[Self::HonestHost, Self::HonestBusiness];

    /// The code stored in the database and sent over the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::HonestHost => "honest_host",
            Self::HonestBusiness => "honest_business",
        }
    }

    /// The variant for a code, as `as_str()` spells it.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.as_str() == code)
    }
}

/// Where a selection round stands: taking nominations and scores, its shortlist on public notice (公示), its result published, or cancelled.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "ssr",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum, utoipa::ToSchema)
)]
#[cfg_attr(
    feature = "ssr",
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::N(20))"
    )
)]
pub enum RoundStatus {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "open"))]
    Open,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "notice"))]
    Notice,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "published"))]
    Published,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "cancelled"))]
    Cancelled,
}

impl RoundStatus {
    pub const ALL: &[Self] = &[Self::Open, Self::Notice, Self::Published, Self::Cancelled];

    /// The code stored in the database and sent over the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Notice => "notice",
            Self::Published => "published",
            Self::Cancelled => "cancelled",
        }
    }

    /// The variant for a code, as `as_str()` spells it.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.as_str() == code)
    }
}

/// A candidate in a round: nominated, on the shortlist put on notice, honoured when the result is published, not selected, or withdrawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "ssr",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum, utoipa::ToSchema)
)]
#[cfg_attr(
    feature = "ssr",
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::N(20))"
    )
)]
pub enum NominationStatus {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "nominated"))]
    Nominated,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "shortlisted"))]
    Shortlisted,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "honoured"))]
    Honoured,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "not_selected"))]
    NotSelected,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "withdrawn"))]
    Withdrawn,
}

impl NominationStatus {
    pub const ALL: &[Self] = &[
        Self::Nominated,
        Self::Shortlisted,
        Self::Honoured,
        Self::NotSelected,
        Self::Withdrawn,
    ];

    /// The code stored in the database and sent over the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Nominated => "nominated",
            Self::Shortlisted => "shortlisted",
            Self::Honoured => "honoured",
            Self::NotSelected => "not_selected",
            Self::Withdrawn => "withdrawn",
        }
    }

    /// The variant for a code, as `as_str()` spells it.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.as_str() == code)
    }
}

/// What a recorded complaint or violation does to a candidate: rules them out, or takes points off their score.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "ssr",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum, utoipa::ToSchema)
)]
#[cfg_attr(
    feature = "ssr",
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::N(20))"
    )
)]
pub enum ViolationEffect {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "block"))]
    Block,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "deduct"))]
    Deduct,
}

impl ViolationEffect {
    pub const ALL: &[Self] = &[Self::Block, Self::Deduct];

    /// The code stored in the database and sent over the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Block => "block",
            Self::Deduct => "deduct",
        }
    }

    /// The variant for a code, as `as_str()` spells it.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.as_str() == code)
    }
}

/// An objection sent during a public notice: received, then upheld (the candidate is not honoured) or dismissed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "ssr",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum, utoipa::ToSchema)
)]
#[cfg_attr(
    feature = "ssr",
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::N(20))"
    )
)]
pub enum ObjectionStatus {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "received"))]
    Received,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "upheld"))]
    Upheld,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "dismissed"))]
    Dismissed,
}

impl ObjectionStatus {
    pub const ALL: &[Self] = &[Self::Received, Self::Upheld, Self::Dismissed];

    /// The code stored in the database and sent over the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Received => "received",
            Self::Upheld => "upheld",
            Self::Dismissed => "dismissed",
        }
    }

    /// The variant for a code, as `as_str()` spells it.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.as_str() == code)
    }
}

/// How a host profile came to be: the person applied, an outcome recorded them as a host, an
/// agency registered them, or the bureau did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "ssr",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum, utoipa::ToSchema)
)]
#[cfg_attr(
    feature = "ssr",
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::N(20))"
    )
)]
pub enum HostSource {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "applied"))]
    Applied,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "outcome"))]
    Outcome,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "agency"))]
    Agency,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "bureau"))]
    Bureau,
}

impl HostSource {
    pub const ALL: &[Self] = &[Self::Applied, Self::Outcome, Self::Agency, Self::Bureau];

    /// The code stored in the database and sent over the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Applied => "applied",
            Self::Outcome => "outcome",
            Self::Agency => "agency",
            Self::Bureau => "bureau",
        }
    }

    /// The variant for a code, as `as_str()` spells it.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.as_str() == code)
    }
}

/// Where a registration for a lecture or salon stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "ssr",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum, utoipa::ToSchema)
)]
#[cfg_attr(
    feature = "ssr",
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::N(20))"
    )
)]
pub enum RegistrationStatus {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "registered"))]
    Registered,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "cancelled"))]
    Cancelled,
}

impl RegistrationStatus {
    pub const ALL: &[Self] = &[Self::Registered, Self::Cancelled];

    /// The code stored in the database and sent over the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Registered => "registered",
            Self::Cancelled => "cancelled",
        }
    }

    /// The variant for a code, as `as_str()` spells it.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.as_str() == code)
    }
}
