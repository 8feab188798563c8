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
        // The OpenAPI schema does not see the per-variant `rename` below (a literal passed
        // through the macro), so it takes this: every wire enum's code is its variant in
        // snake_case (the audit enums, with dotted codes, are not in the API document).
        #[serde(rename_all = "snake_case")]
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
        College = "college" => OrgKindCollege,
        /// 培训学校
        TrainingSchool = "training_school" => OrgKindTrainingSchool,
        /// 企业
        Enterprise = "enterprise" => OrgKindEnterprise,
        /// 孵化基地
        IncubationBase = "incubation_base" => OrgKindIncubationBase,
        /// 直播基地
        LivestreamBase = "livestream_base" => OrgKindLivestreamBase,
        /// 协会
        Association = "association" => OrgKindAssociation,
    }
}

text_enum! {
    /// A partner's standing: pending → approved / rejected → suspended.
    pub enum OrganisationStatus {
        Pending = "pending" => OrgStatusPending,
        Approved = "approved" => OrgStatusApproved,
        Rejected = "rejected" => OrgStatusRejected,
        Suspended = "suspended" => OrgStatusSuspended,
    }
}

text_enum! {
    /// The training programme a course belongs to.
    pub enum Programme {
        /// 农村电商
        Rural = "rural" => ProgrammeRural,
        /// 产业电商
        Industry = "industry" => ProgrammeIndustry,
        /// 直播电商
        Livestream = "livestream" => ProgrammeLivestream,
        /// 跨境电商
        CrossBorder = "cross_border" => ProgrammeCrossBorder,
        /// 电商大讲堂/沙龙
        LectureSalon = "lecture_salon" => ProgrammeLectureSalon,
    }
}

text_enum! {
    /// How advanced a course is.
    pub enum CourseLevel {
        /// 入门
        Entry = "entry" => LevelEntry,
        /// 提高
        Advanced = "advanced" => LevelAdvanced,
        /// 带头人
        Leader = "leader" => LevelLeader,
    }
}

text_enum! {
    /// Where a course is taught.
    pub enum CourseMode {
        Onsite = "onsite" => ModeOnsite,
        Online = "online" => ModeOnline,
        Mixed = "mixed" => ModeMixed,
    }
}

text_enum! {
    /// Who pays for a course.
    pub enum Funding {
        Free = "free" => FundingFree,
        Subsidised = "subsidised" => FundingSubsidised,
    }
}

text_enum! {
    /// draft → submitted → approved/rejected → open → running → finished → archived.
    pub enum CourseStatus {
        Draft = "draft" => CourseStatusDraft,
        Submitted = "submitted" => CourseStatusSubmitted,
        Approved = "approved" => CourseStatusApproved,
        Rejected = "rejected" => CourseStatusRejected,
        Open = "open" => StatusOpen,
        Running = "running" => StatusRunning,
        Finished = "finished" => StatusFinished,
        Archived = "archived" => CourseStatusArchived,
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
        Previewed = "previewed" => ImportStatusPreviewed,
        /// Being saved.
        Applying = "applying" => ImportStatusApplying,
        Applied = "applied" => ImportStatusApplied,
        Discarded = "discarded" => ImportStatusDiscarded,
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
        Present = "present" => AttendancePresent,
        Late = "late" => AttendanceLate,
        Absent = "absent" => AttendanceAbsent,
        Excused = "excused" => AttendanceExcused,
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
        Incubation = "incubation" => PlaceKindIncubation,
        /// 实习
        Internship = "internship" => PlaceKindInternship,
        /// 直播间
        LivestreamRoom = "livestream_room" => PlaceKindLivestreamRoom,
        Job = "job" => PlaceKindJob,
    }
}

text_enum! {
    /// applied → accepted/rejected → active → graduated/left.
    pub enum PlacementStatus {
        Applied = "applied" => PlacementApplied,
        Accepted = "accepted" => PlacementAccepted,
        Rejected = "rejected" => PlacementRejected,
        Active = "active" => PlacementActive,
        Graduated = "graduated" => PlacementGraduated,
        Left = "left" => PlacementLeft,
    }
}

text_enum! {
    /// What a trainee is doing at an outcome's as-of date (就业创业).
    pub enum OutcomeKind {
        Employed = "employed" => OutcomeEmployed,
        SelfEmployed = "self_employed" => OutcomeSelfEmployed,
        BusinessStarted = "business_started" => OutcomeBusinessStarted,
        OnlineStore = "online_store" => OutcomeOnlineStore,
        LivestreamHost = "livestream_host" => OutcomeLivestreamHost,
        FurtherStudy = "further_study" => OutcomeFurtherStudy,
        NotWorking = "not_working" => OutcomeNotWorking,
    }
}

text_enum! {
    /// Where an outcome record came from.
    pub enum OutcomeSource {
        SelfReported = "self_reported" => SourceSelfReported,
        /// From a 3/6/12-month follow-up call.
        FollowUp = "follow_up" => SourceFollowUp,
        Verified = "verified" => SourceVerified,
    }
}

text_enum! {
    /// A scheduled follow-up of a completed enrolment.
    pub enum FollowUpStatus {
        Due = "due" => FollowUpDue,
        Done = "done" => FollowUpDone,
        Unreachable = "unreachable" => FollowUpUnreachable,
    }
}

text_enum! {
    /// The kind of school–enterprise cooperation (校企合作).
    pub enum AgreementKind {
        /// 实习基地
        InternshipBase = "internship_base" => AgreementKindInternship,
        /// 订单班
        OrderClass = "order_class" => AgreementKindOrderClass,
        /// 共建实训中心
        CoBuiltCentre = "co_built_centre" => AgreementKindCoBuilt,
        /// 就业安置
        JobPlacement = "job_placement" => AgreementKindJobPlacement,
    }
}

text_enum! {
    /// proposed → confirmed → ended, or cancelled.
    pub enum AgreementStatus {
        Proposed = "proposed" => AgreementStatusProposed,
        Confirmed = "confirmed" => AgreementStatusConfirmed,
        Ended = "ended" => AgreementStatusEnded,
        Cancelled = "cancelled" => AgreementStatusCancelled,
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
        City = "city" => ScopeCity,
        Town = "town" => ScopeTown,
        Programme = "programme" => ScopeProgramme,
        Industry = "industry" => ScopeIndustry,
    }
}

text_enum! {
    /// Whether a base's place takes applications.
    pub enum PlaceStatus {
        Open = "open" => PlaceOpen,
        Closed = "closed" => PlaceClosed,
    }
}

text_enum! {
    /// What kind of event a base held (培训讲座, 沙龙, 路演, 对接会, 大赛, 其他).
    pub enum BaseEventKind {
        /// 培训讲座
        Training = "training" => BaseEventTraining,
        /// 沙龙、交流会
        Salon = "salon" => BaseEventSalon,
        /// 项目路演
        Roadshow = "roadshow" => BaseEventRoadshow,
        /// 产销、用工对接会
        Matchmaking = "matchmaking" => BaseEventMatchmaking,
        /// 大赛
        Contest = "contest" => BaseEventContest,
        Other = "other" => BaseEventOther,
    }
}

text_enum! {
    /// What a selection round chooses: honest livestream hosts (诚信带货主播) or civilised honest e-commerce businesses (文明诚信电商).
    pub enum SelectionKind {
        /// 诚信带货主播
        HonestHost = "honest_host" => SelectionHonestHost,
        /// 文明诚信电商
        HonestBusiness = "honest_business" => SelectionHonestBusiness,
    }
}

text_enum! {
    /// Where a selection round stands: taking nominations and scores, its shortlist on public notice (公示), its result published, or cancelled.
    pub enum RoundStatus {
        Open = "open" => RoundOpen,
        Notice = "notice" => RoundNotice,
        Published = "published" => RoundPublished,
        Cancelled = "cancelled" => RoundCancelled,
    }
}

text_enum! {
    /// A candidate in a round: nominated, on the shortlist put on notice, honoured when the result is published, not selected, or withdrawn.
    pub enum NominationStatus {
        Nominated = "nominated" => NominationNominated,
        Shortlisted = "shortlisted" => NominationShortlisted,
        Honoured = "honoured" => NominationHonoured,
        NotSelected = "not_selected" => NominationNotSelected,
        Withdrawn = "withdrawn" => NominationWithdrawn,
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
        Received = "received" => ObjectionReceived,
        Upheld = "upheld" => ObjectionUpheld,
        Dismissed = "dismissed" => ObjectionDismissed,
    }
}

text_enum! {
    /// How a host profile came to be: the person applied, an outcome recorded them as a host, an
    /// agency registered them, or the bureau did.
    pub enum HostSource {
        Applied = "applied" => HostSourceApplied,
        Outcome = "outcome" => HostSourceOutcome,
        Agency = "agency" => HostSourceAgency,
        Bureau = "bureau" => HostSourceBureau,
    }
}

text_enum! {
    /// Where a registration for a lecture or salon stands.
    pub enum RegistrationStatus {
        Registered = "registered",
        Cancelled = "cancelled",
    }
}
