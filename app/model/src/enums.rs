//! The string-coded enums shared by the browser and the server.
//!
//! Each enum is declared once with [`text_enum!`], code by code: the code is what the database
//! stores (a short string column with a CHECK listing the codes, see `migrations`), what the wire
//! carries (serde) and what `as_str()` returns; `parse` reads it back and `ALL` lists the
//! variants in display order (the order they are declared in). On the server (`ssr`) the same
//! declaration gives the OpenAPI schema; the domain stores them through its `Coded` wrapper, with
//! these codes. This file compiles for wasm32 unchanged.
//!
//! Adding a variant needs a migration that widens the column's CHECK first.

/// What every text-coded enum can do, for code that handles any of them (filters, imports).
pub trait TextEnum: Copy + Eq + 'static {
    /// Every variant, in display order.
    const ALL: &'static [Self];
    /// The code stored in the database and sent over the wire.
    fn code(self) -> &'static str;
    /// The variant for a code.
    fn from_code(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.code() == code)
    }
}

/// Declares a text-coded enum: `Variant = "code"` per variant (or `Variant = "code" => MsgKey` to
/// give each its label), with doc comments as usual. It
/// gives serde (the code), `as_str`, `parse`, `ALL`, [`TextEnum`] and, on the server, the
/// OpenAPI schema. (How they are stored is the domain's business: `Coded` in its entities.)
macro_rules! text_enum {
    // With `=> Label` after each code: also `label()`, the name the variant is shown under.
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $code:literal => $label:ident ),+ $(,)?
        }
    ) => {
        $crate::enums::text_enum! {
            $(#[$meta])*
            pub enum $name {
                $( $(#[$vmeta])* $variant = $code ),+
            }
        }

        impl $name {
            /// The name the variant is shown under.
            pub const fn label(self) -> $crate::i18n::Msg {
                match self {
                    $(Self::$variant => $crate::i18n::Msg::$label),+
                }
            }
        }
    };
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $code:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
        pub enum $name {
            $(
                $(#[$vmeta])*
                #[serde(rename = $code)]
                $variant,
            )+
        }

        impl $name {
            /// Every variant, in display order.
            pub const ALL: &[Self] = &[$(Self::$variant),+];

            /// The code stored in the database and sent over the wire.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $code),+
                }
            }

            /// The variant for a code, as `as_str()` spells it.
            pub fn parse(code: &str) -> Option<Self> {
                match code {
                    $($code => Some(Self::$variant),)+
                    _ => None,
                }
            }
        }

        impl $crate::enums::TextEnum for $name {
            const ALL: &'static [Self] = $name::ALL;
            fn code(self) -> &'static str {
                self.as_str()
            }
        }
    };
}
pub(crate) use text_enum;

text_enum! {
    /// What a user may do; each account has exactly one role.
    // Which operations each role may perform is decided in `domain::policy` (docs/ARCHITECTURE.md);
    // this text is the schema's description in the API document, so it stays about the product.
    pub enum Role {
        /// 学员: signs up, enrols, reports outcomes.
        Trainee = "trainee",
        /// 合作机构: staff of one partner organisation.
        PartnerStaff = "partner_staff",
        /// 人社局: HR bureau programme staff.
        BureauAdmin = "bureau_admin",
        /// Read-only bureau or town official; a town official has `users.town_id` set.
        BureauViewer = "bureau_viewer",
    }
}

text_enum! {
    /// Whether an account may sign in.
    pub enum UserStatus {
        Active = "active",
        Disabled = "disabled",
    }
}

text_enum! {
    /// The administrative level of one of the 26 units.
    pub enum TownKind {
        /// 街道
        Subdistrict = "subdistrict",
        /// 镇
        Town = "town",
        /// 乡
        Township = "township",
    }
}

text_enum! {
    /// The kind of partner organisation.
    pub enum OrganisationKind {
        /// 高校/职业院校
        College = "college",
        /// 培训学校
        TrainingSchool = "training_school",
        /// 企业
        Enterprise = "enterprise",
        /// 孵化基地
        IncubationBase = "incubation_base",
        /// 直播基地
        LivestreamBase = "livestream_base",
        /// 协会
        Association = "association",
    }
}

text_enum! {
    /// A partner's standing: pending → approved / rejected → suspended.
    pub enum OrganisationStatus {
        Pending = "pending",
        Approved = "approved",
        Rejected = "rejected",
        Suspended = "suspended",
    }
}

text_enum! {
    /// The training programme a course belongs to.
    pub enum Programme {
        /// 农村电商
        Rural = "rural",
        /// 产业电商
        Industry = "industry",
        /// 直播电商
        Livestream = "livestream",
        /// 跨境电商
        CrossBorder = "cross_border",
        /// 电商大讲堂/沙龙
        LectureSalon = "lecture_salon",
    }
}

text_enum! {
    /// How advanced a course is.
    pub enum CourseLevel {
        /// 入门
        Entry = "entry",
        /// 提高
        Advanced = "advanced",
        /// 带头人
        Leader = "leader",
    }
}

text_enum! {
    /// Where a course is taught.
    pub enum CourseMode {
        Onsite = "onsite",
        Online = "online",
        Mixed = "mixed",
    }
}

text_enum! {
    /// Who pays for a course.
    pub enum Funding {
        Free = "free",
        Subsidised = "subsidised",
    }
}

text_enum! {
    /// draft → submitted → approved/rejected → open → running → finished → archived.
    pub enum CourseStatus {
        Draft = "draft",
        Submitted = "submitted",
        Approved = "approved",
        Rejected = "rejected",
        Open = "open",
        Running = "running",
        Finished = "finished",
        Archived = "archived",
    }
}

text_enum! {
    /// Where a trainee stands on one course.
    pub enum EnrollmentStatus {
        Enrolled = "enrolled",
        Waitlisted = "waitlisted",
        Withdrawn = "withdrawn",
        Completed = "completed",
        NotCompleted = "not_completed",
        Removed = "removed",
    }
}

impl EnrollmentStatus {
    /// On the course: holding a seat, before or after completion is confirmed.
    pub const ON_COURSE: [Self; 3] = [Self::Enrolled, Self::Completed, Self::NotCompleted];
}

text_enum! {
    /// Where an import of trainees stands.
    pub enum ImportStatus {
        /// Checked, shown to the importer, nothing saved yet.
        Previewed = "previewed",
        /// Being saved.
        Applying = "applying",
        Applied = "applied",
        Discarded = "discarded",
    }
}

text_enum! {
    /// What an uploaded sheet imports.
    pub enum ImportKind {
        /// Trainees (and optionally their enrolment in a course).
        Trainees = "trainees",
        /// Attendance marks for a course's sessions.
        Attendance = "attendance",
    }
}

text_enum! {
    /// One trainee at one session.
    pub enum AttendanceStatus {
        Present = "present",
        Late = "late",
        Absent = "absent",
        Excused = "excused",
    }
}

text_enum! {
    /// How an attendance mark was recorded.
    pub enum AttendanceMethod {
        /// Marked by partner staff.
        Staff = "staff",
        /// Trainee scanned the session's check-in code.
        Qr = "qr",
        /// Imported from a spreadsheet.
        Import = "import",
    }
}

text_enum! {
    /// What a certificate certifies.
    pub enum CertificateKind {
        /// 结业证书
        Completion = "completion",
        /// 电商带头人
        Leader = "leader",
        /// 诚信带货主播 and other honours
        Honour = "honour",
    }
}

text_enum! {
    /// Whether a certificate still stands.
    pub enum CertificateStatus {
        Valid = "valid",
        Revoked = "revoked",
    }
}

text_enum! {
    /// What a trainee applies for at a base.
    pub enum PlacementKind {
        /// 孵化
        Incubation = "incubation",
        /// 实习
        Internship = "internship",
        /// 直播间
        LivestreamRoom = "livestream_room",
        Job = "job",
    }
}

text_enum! {
    /// applied → accepted/rejected → active → graduated/left.
    pub enum PlacementStatus {
        Applied = "applied",
        Accepted = "accepted",
        Rejected = "rejected",
        Active = "active",
        Graduated = "graduated",
        Left = "left",
    }
}

text_enum! {
    /// What a trainee is doing at an outcome's as-of date (就业创业).
    pub enum OutcomeKind {
        Employed = "employed",
        SelfEmployed = "self_employed",
        BusinessStarted = "business_started",
        OnlineStore = "online_store",
        LivestreamHost = "livestream_host",
        FurtherStudy = "further_study",
        NotWorking = "not_working",
    }
}

text_enum! {
    /// Where an outcome record came from.
    pub enum OutcomeSource {
        SelfReported = "self_reported",
        /// From a 3/6/12-month follow-up call.
        FollowUp = "follow_up",
        Verified = "verified",
    }
}

text_enum! {
    /// A scheduled follow-up of a completed enrolment.
    pub enum FollowUpStatus {
        Due = "due",
        Done = "done",
        Unreachable = "unreachable",
    }
}

text_enum! {
    /// The kind of school–enterprise cooperation (校企合作).
    pub enum AgreementKind {
        /// 实习基地
        InternshipBase = "internship_base",
        /// 订单班
        OrderClass = "order_class",
        /// 共建实训中心
        CoBuiltCentre = "co_built_centre",
        /// 就业安置
        JobPlacement = "job_placement",
    }
}

text_enum! {
    /// proposed → confirmed → ended, or cancelled.
    pub enum AgreementStatus {
        Proposed = "proposed",
        Confirmed = "confirmed",
        Ended = "ended",
        Cancelled = "cancelled",
    }
}

text_enum! {
    /// As derived from the ID number.
    pub enum Gender {
        Male = "male",
        Female = "female",
    }
}

text_enum! {
    /// What an annual target is set for; `targets.scope_value` names the town, programme or industry
    /// (empty for the whole city).
    pub enum TargetScope {
        City = "city",
        Town = "town",
        Programme = "programme",
        Industry = "industry",
    }
}

text_enum! {
    /// Whether a base's place takes applications.
    pub enum PlaceStatus {
        Open = "open",
        Closed = "closed",
    }
}

text_enum! {
    /// What kind of event a base held (培训讲座, 沙龙, 路演, 对接会, 大赛, 其他).
    pub enum BaseEventKind {
        /// 培训讲座
        Training = "training",
        /// 沙龙、交流会
        Salon = "salon",
        /// 项目路演
        Roadshow = "roadshow",
        /// 产销、用工对接会
        Matchmaking = "matchmaking",
        /// 大赛
        Contest = "contest",
        Other = "other",
    }
}

text_enum! {
    /// What a selection round chooses: honest livestream hosts (诚信带货主播) or civilised honest e-commerce businesses (文明诚信电商).
    pub enum SelectionKind {
        /// 诚信带货主播
        HonestHost = "honest_host",
        /// 文明诚信电商
        HonestBusiness = "honest_business",
    }
}

text_enum! {
    /// Where a selection round stands: taking nominations and scores, its shortlist on public notice (公示), its result published, or cancelled.
    pub enum RoundStatus {
        Open = "open",
        Notice = "notice",
        Published = "published",
        Cancelled = "cancelled",
    }
}

text_enum! {
    /// A candidate in a round: nominated, on the shortlist put on notice, honoured when the result is published, not selected, or withdrawn.
    pub enum NominationStatus {
        Nominated = "nominated",
        Shortlisted = "shortlisted",
        Honoured = "honoured",
        NotSelected = "not_selected",
        Withdrawn = "withdrawn",
    }
}

text_enum! {
    /// What a recorded complaint or violation does to a candidate: rules them out, or takes points off their score.
    pub enum ViolationEffect {
        Block = "block",
        Deduct = "deduct",
    }
}

text_enum! {
    /// An objection sent during a public notice: received, then upheld (the candidate is not honoured) or dismissed.
    pub enum ObjectionStatus {
        Received = "received",
        Upheld = "upheld",
        Dismissed = "dismissed",
    }
}

text_enum! {
    /// How a host profile came to be: the person applied, an outcome recorded them as a host, an
    /// agency registered them, or the bureau did.
    pub enum HostSource {
        Applied = "applied",
        Outcome = "outcome",
        Agency = "agency",
        Bureau = "bureau",
    }
}

text_enum! {
    /// Where a registration for a lecture or salon stands.
    pub enum RegistrationStatus {
        Registered = "registered",
        Cancelled = "cancelled",
    }
}
