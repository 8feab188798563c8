//! Schema v1: the core tables of the domain — towns and villages, organisations, users and
//! their login sessions, trainees, courses and their sessions, enrolments, attendance,
//! certificates, placements, outcomes, follow-ups, agreements, targets and the audit log
//! (`schema()` below lists them in creation order). Later tables come in later migrations.
//!
//! Written only with the sea-query schema builder so that it means the same on SQLite and
//! PostgreSQL:
//! - enums are short strings guarded by a CHECK listing the allowed codes (no native enum types);
//!   the codes are the `as_str()` values of the wire enums in `app::model::enums`;
//! - timestamps are `timestamp with time zone` (UTC from the app), dates are `date`;
//! - every table has an `integer` auto-increment primary key named `id`;
//! - foreign keys restrict deletion, except rows that only make sense as part of their parent
//!   (a login session, a course's sessions, an enrolment's attendance), which cascade.
//!
//! Foreign keys are declared inside CREATE TABLE because SQLite cannot add them afterwards;
//! indexes are created after each table because SQLite cannot declare them inline.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, indexes) in schema() {
            manager.create_table(table).await?;
            for index in indexes {
                manager.create_index(index).await?;
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Reverse creation order, so no table is dropped while another still refers to it.
        for (table, _) in schema().into_iter().rev() {
            let name = table
                .get_table_name()
                .cloned()
                .ok_or_else(|| DbErr::Migration("unnamed table in schema v1".to_owned()))?;
            manager
                .drop_table(Table::drop().table(name).to_owned())
                .await?;
        }
        Ok(())
    }
}

/// Every table with its indexes, in creation order (a table comes after the tables it refers to).
fn schema() -> Vec<(TableCreateStatement, Vec<IndexCreateStatement>)> {
    vec![
        towns(),
        villages(),
        organisations(),
        users(),
        sessions(),
        trainees(),
        courses(),
        course_sessions(),
        enrollments(),
        attendance(),
        certificates(),
        placements(),
        outcomes(),
        follow_ups(),
        agreements(),
        targets(),
        audit_log(),
    ]
}

type TableWithIndexes = (TableCreateStatement, Vec<IndexCreateStatement>);

fn towns() -> TableWithIndexes {
    let table = Table::create()
        .table(Towns::Table)
        .col(pk_auto(Towns::Id))
        .col(string_len_uniq(Towns::Code, 32))
        .col(string_len_uniq(Towns::NameZh, 16))
        .col(string_len(Towns::NameEn, 32))
        .col(code(Towns::Kind, 16, &["subdistrict", "town", "township"]))
        .col(integer(Towns::SortOrder))
        .to_owned();
    (table, vec![])
}

fn villages() -> TableWithIndexes {
    let table = Table::create()
        .table(Villages::Table)
        .col(pk_auto(Villages::Id))
        .col(integer(Villages::TownId))
        .col(string_len(Villages::Name, 64))
        .foreign_key(&mut fk(
            Villages::Table,
            Villages::TownId,
            Towns::Table,
            ForeignKeyAction::Restrict,
        ))
        .to_owned();
    let indexes = vec![unique_index(
        Villages::Table,
        [Villages::TownId, Villages::Name],
    )];
    (table, indexes)
}

fn organisations() -> TableWithIndexes {
    let table = Table::create()
        .table(Organisations::Table)
        .col(pk_auto(Organisations::Id))
        .col(code(
            Organisations::Kind,
            32,
            &[
                "college",
                "training_school",
                "enterprise",
                "incubation_base",
                "livestream_base",
                "association",
            ],
        ))
        .col(string_len(Organisations::Name, 128))
        .col(string_len_uniq(Organisations::CreditCode, 18))
        .col(integer_null(Organisations::TownId))
        .col(string_len_null(Organisations::Address, 256))
        .col(string_len_null(Organisations::ContactName, 64))
        .col(string_len_null(Organisations::ContactPhone, 20))
        .col(
            code(
                Organisations::Status,
                20,
                &["pending", "approved", "rejected", "suspended"],
            )
            .default("pending"),
        )
        .col(text_null(Organisations::StatusReason))
        .col(timestamp_with_time_zone(Organisations::CreatedAt))
        .col(timestamp_with_time_zone(Organisations::UpdatedAt))
        .foreign_key(&mut fk(
            Organisations::Table,
            Organisations::TownId,
            Towns::Table,
            ForeignKeyAction::Restrict,
        ))
        .to_owned();
    let indexes = vec![
        index(Organisations::Table, [Organisations::Status]),
        index(Organisations::Table, [Organisations::Kind]),
    ];
    (table, indexes)
}

fn users() -> TableWithIndexes {
    let table = Table::create()
        .table(Users::Table)
        .col(pk_auto(Users::Id))
        .col(string_len_uniq(Users::Phone, 11))
        .col(string_len(Users::PasswordHash, 255))
        .col(string_len_null(Users::DisplayName, 64))
        .col(code(
            Users::Role,
            20,
            &["trainee", "partner_staff", "bureau_admin", "bureau_viewer"],
        ))
        .col(integer_null(Users::OrganisationId))
        // Set for a town-scoped bureau viewer (a town official sees only their town).
        .col(integer_null(Users::TownId))
        .col(code(Users::Status, 20, &["active", "disabled"]).default("active"))
        .col(timestamp_with_time_zone(Users::CreatedAt))
        .col(timestamp_with_time_zone_null(Users::LastLoginAt))
        .col(timestamp_with_time_zone(Users::PasswordChangedAt))
        .foreign_key(&mut fk(
            Users::Table,
            Users::OrganisationId,
            Organisations::Table,
            ForeignKeyAction::Restrict,
        ))
        .foreign_key(&mut fk(
            Users::Table,
            Users::TownId,
            Towns::Table,
            ForeignKeyAction::Restrict,
        ))
        .to_owned();
    let indexes = vec![
        index(Users::Table, [Users::Role]),
        index(Users::Table, [Users::OrganisationId]),
    ];
    (table, indexes)
}

fn sessions() -> TableWithIndexes {
    let table = Table::create()
        .table(Sessions::Table)
        .col(pk_auto(Sessions::Id))
        .col(string_len_uniq(Sessions::TokenHash, 64))
        .col(integer(Sessions::UserId))
        .col(timestamp_with_time_zone(Sessions::CreatedAt))
        .col(timestamp_with_time_zone(Sessions::LastSeenAt))
        .col(timestamp_with_time_zone(Sessions::ExpiresAt))
        .col(string_len_null(Sessions::Ip, 64))
        .col(string_len_null(Sessions::UserAgent, 256))
        .foreign_key(&mut fk(
            Sessions::Table,
            Sessions::UserId,
            Users::Table,
            ForeignKeyAction::Cascade,
        ))
        .to_owned();
    let indexes = vec![
        index(Sessions::Table, [Sessions::UserId]),
        index(Sessions::Table, [Sessions::ExpiresAt]),
    ];
    (table, indexes)
}

fn trainees() -> TableWithIndexes {
    let table = Table::create()
        .table(Trainees::Table)
        .col(pk_auto(Trainees::Id))
        .col(integer_uniq(Trainees::UserId))
        .col(string_len(Trainees::Name, 64))
        .col(text(Trainees::IdNumberCipher))
        .col(string_len_uniq(Trainees::IdNumberHash, 64))
        .col(string_len(Trainees::IdNumberMasked, 18))
        .col(code(Trainees::Gender, 20, &["male", "female"]))
        .col(date(Trainees::BirthDate))
        .col(integer(Trainees::TownId))
        .col(string_len_null(Trainees::Village, 64))
        .col(string_len(Trainees::Education, 32))
        .col(string_len(Trainees::PriorStatus, 32))
        .col(string_len(Trainees::EcommerceExperience, 32))
        .col(timestamp_with_time_zone(Trainees::ConsentAt))
        .col(timestamp_with_time_zone(Trainees::CreatedAt))
        .col(timestamp_with_time_zone(Trainees::UpdatedAt))
        .foreign_key(&mut fk(
            Trainees::Table,
            Trainees::UserId,
            Users::Table,
            ForeignKeyAction::Restrict,
        ))
        .foreign_key(&mut fk(
            Trainees::Table,
            Trainees::TownId,
            Towns::Table,
            ForeignKeyAction::Restrict,
        ))
        .to_owned();
    let indexes = vec![index(Trainees::Table, [Trainees::TownId])];
    (table, indexes)
}

fn courses() -> TableWithIndexes {
    let table = Table::create()
        .table(Courses::Table)
        .col(pk_auto(Courses::Id))
        .col(integer(Courses::OrganisationId))
        .col(string_len(Courses::Title, 200))
        .col(text(Courses::Description))
        .col(code(
            Courses::Programme,
            32,
            &[
                "rural",
                "industry",
                "livestream",
                "cross_border",
                "lecture_salon",
            ],
        ))
        // Comma-separated industry codes, e.g. "jun_porcelain,tcm".
        .col(string_len(Courses::IndustryTags, 200).default(""))
        .col(code(Courses::Level, 20, &["entry", "advanced", "leader"]))
        .col(code(Courses::Mode, 20, &["onsite", "online", "mixed"]))
        .col(integer_null(Courses::TownId))
        .col(string_len_null(Courses::Venue, 200))
        .col(integer(Courses::Capacity).check(Expr::col(Courses::Capacity).gte(0)))
        .col(integer(Courses::SeatsTaken).default(0))
        .col(double(Courses::TotalHours))
        .col(
            integer(Courses::CompletionThresholdPct)
                .default(80)
                .check(Expr::col(Courses::CompletionThresholdPct).between(1, 100)),
        )
        .col(boolean(Courses::Assessed).default(false))
        .col(double_null(Courses::PassMark))
        .col(timestamp_with_time_zone_null(Courses::EnrolOpensAt))
        .col(timestamp_with_time_zone_null(Courses::EnrolClosesAt))
        .col(date(Courses::StartsOn))
        .col(date(Courses::EndsOn))
        .col(code(Courses::Funding, 20, &["free", "subsidised"]))
        .col(
            code(
                Courses::Status,
                20,
                &[
                    "draft",
                    "submitted",
                    "approved",
                    "rejected",
                    "open",
                    "running",
                    "finished",
                    "archived",
                ],
            )
            .default("draft"),
        )
        .col(text_null(Courses::StatusReason))
        .col(integer(Courses::CreatedBy))
        .col(timestamp_with_time_zone(Courses::CreatedAt))
        .col(timestamp_with_time_zone(Courses::UpdatedAt))
        // The last line of defence for "enrolment never exceeds capacity"; the enrolment service
        // guards with `seats_taken < capacity` in its UPDATE and never relies on this failing.
        .check((
            "ck_courses_seats_taken",
            Expr::col(Courses::SeatsTaken)
                .gte(0)
                .and(Expr::col(Courses::SeatsTaken).lte(Expr::col(Courses::Capacity))),
        ))
        .foreign_key(&mut fk(
            Courses::Table,
            Courses::OrganisationId,
            Organisations::Table,
            ForeignKeyAction::Restrict,
        ))
        .foreign_key(&mut fk(
            Courses::Table,
            Courses::TownId,
            Towns::Table,
            ForeignKeyAction::Restrict,
        ))
        .foreign_key(&mut fk(
            Courses::Table,
            Courses::CreatedBy,
            Users::Table,
            ForeignKeyAction::Restrict,
        ))
        .to_owned();
    let indexes = vec![
        index(Courses::Table, [Courses::Status, Courses::StartsOn]),
        index(Courses::Table, [Courses::OrganisationId]),
        index(Courses::Table, [Courses::TownId]),
        index(Courses::Table, [Courses::Programme]),
    ];
    (table, indexes)
}

fn course_sessions() -> TableWithIndexes {
    let table = Table::create()
        .table(CourseSessions::Table)
        .col(pk_auto(CourseSessions::Id))
        .col(integer(CourseSessions::CourseId))
        .col(timestamp_with_time_zone(CourseSessions::StartsAt))
        .col(timestamp_with_time_zone(CourseSessions::EndsAt))
        .col(string_len(CourseSessions::Topic, 200))
        .col(double(CourseSessions::Hours))
        .col(string_len_null(CourseSessions::Place, 200))
        .col(string_len_null(CourseSessions::CheckinSecret, 64))
        .foreign_key(&mut fk(
            CourseSessions::Table,
            CourseSessions::CourseId,
            Courses::Table,
            ForeignKeyAction::Cascade,
        ))
        .to_owned();
    let indexes = vec![index(
        CourseSessions::Table,
        [CourseSessions::CourseId, CourseSessions::StartsAt],
    )];
    (table, indexes)
}

fn enrollments() -> TableWithIndexes {
    let table = Table::create()
        .table(Enrollments::Table)
        .col(pk_auto(Enrollments::Id))
        .col(integer(Enrollments::CourseId))
        .col(integer(Enrollments::TraineeId))
        .col(code(
            Enrollments::Status,
            20,
            &[
                "enrolled",
                "waitlisted",
                "withdrawn",
                "completed",
                "not_completed",
                "removed",
            ],
        ))
        .col(integer_null(Enrollments::WaitlistPosition))
        .col(double_null(Enrollments::Score))
        .col(double(Enrollments::AttendedHours).default(0.0))
        .col(timestamp_with_time_zone(Enrollments::EnrolledAt))
        .col(timestamp_with_time_zone(Enrollments::StatusChangedAt))
        .col(timestamp_with_time_zone_null(Enrollments::CompletedAt))
        .col(text_null(Enrollments::RemovedReason))
        .foreign_key(&mut fk(
            Enrollments::Table,
            Enrollments::CourseId,
            Courses::Table,
            ForeignKeyAction::Restrict,
        ))
        .foreign_key(&mut fk(
            Enrollments::Table,
            Enrollments::TraineeId,
            Trainees::Table,
            ForeignKeyAction::Restrict,
        ))
        .to_owned();
    let indexes = vec![
        unique_index(
            Enrollments::Table,
            [Enrollments::CourseId, Enrollments::TraineeId],
        ),
        index(
            Enrollments::Table,
            [Enrollments::CourseId, Enrollments::Status],
        ),
        index(Enrollments::Table, [Enrollments::TraineeId]),
    ];
    (table, indexes)
}

fn attendance() -> TableWithIndexes {
    let table = Table::create()
        .table(Attendance::Table)
        .col(pk_auto(Attendance::Id))
        .col(integer(Attendance::EnrollmentId))
        .col(integer(Attendance::SessionId))
        .col(code(
            Attendance::Status,
            20,
            &["present", "late", "absent", "excused"],
        ))
        .col(code(Attendance::Method, 20, &["staff", "qr", "import"]))
        .col(integer_null(Attendance::RecordedBy))
        .col(timestamp_with_time_zone(Attendance::RecordedAt))
        .foreign_key(&mut fk(
            Attendance::Table,
            Attendance::EnrollmentId,
            Enrollments::Table,
            ForeignKeyAction::Cascade,
        ))
        .foreign_key(&mut fk(
            Attendance::Table,
            Attendance::SessionId,
            CourseSessions::Table,
            ForeignKeyAction::Cascade,
        ))
        .foreign_key(&mut fk(
            Attendance::Table,
            Attendance::RecordedBy,
            Users::Table,
            ForeignKeyAction::Restrict,
        ))
        .to_owned();
    let indexes = vec![
        unique_index(
            Attendance::Table,
            [Attendance::EnrollmentId, Attendance::SessionId],
        ),
        index(Attendance::Table, [Attendance::SessionId]),
    ];
    (table, indexes)
}

fn certificates() -> TableWithIndexes {
    let table = Table::create()
        .table(Certificates::Table)
        .col(pk_auto(Certificates::Id))
        .col(string_len_uniq(Certificates::Number, 32))
        .col(string_len_uniq(Certificates::VerificationCode, 64))
        .col(code(
            Certificates::Kind,
            20,
            &["completion", "leader", "honour"],
        ))
        .col(integer(Certificates::TraineeId))
        .col(integer_null(Certificates::CourseId))
        // Unique: one certificate per completed enrolment (NULLs, for honours, do not collide).
        .col(integer_null(Certificates::EnrollmentId).unique_key())
        .col(integer(Certificates::IssuedBy))
        .col(timestamp_with_time_zone(Certificates::IssuedAt))
        .col(code(Certificates::Status, 20, &["valid", "revoked"]).default("valid"))
        .col(text_null(Certificates::RevokedReason))
        .col(timestamp_with_time_zone_null(Certificates::RevokedAt))
        // The canonical payload that `signature` (Ed25519, hex) signs; the PDF is rendered from it.
        .col(text(Certificates::Payload))
        .col(string_len(Certificates::Signature, 128))
        .foreign_key(&mut fk(
            Certificates::Table,
            Certificates::TraineeId,
            Trainees::Table,
            ForeignKeyAction::Restrict,
        ))
        .foreign_key(&mut fk(
            Certificates::Table,
            Certificates::CourseId,
            Courses::Table,
            ForeignKeyAction::Restrict,
        ))
        .foreign_key(&mut fk(
            Certificates::Table,
            Certificates::EnrollmentId,
            Enrollments::Table,
            ForeignKeyAction::Restrict,
        ))
        .foreign_key(&mut fk(
            Certificates::Table,
            Certificates::IssuedBy,
            Users::Table,
            ForeignKeyAction::Restrict,
        ))
        .to_owned();
    let indexes = vec![
        index(Certificates::Table, [Certificates::TraineeId]),
        index(Certificates::Table, [Certificates::CourseId]),
    ];
    (table, indexes)
}

fn placements() -> TableWithIndexes {
    let table = Table::create()
        .table(Placements::Table)
        .col(pk_auto(Placements::Id))
        .col(integer(Placements::TraineeId))
        // The base (incubation or livestream base, or an enterprise for internships and jobs).
        .col(integer(Placements::OrganisationId))
        .col(code(
            Placements::Kind,
            20,
            &["incubation", "internship", "livestream_room", "job"],
        ))
        .col(code(
            Placements::Status,
            20,
            &[
                "applied",
                "accepted",
                "rejected",
                "active",
                "graduated",
                "left",
            ],
        ))
        .col(text_null(Placements::Statement))
        .col(text_null(Placements::DecisionReason))
        .col(string_len_null(Placements::Station, 100))
        .col(timestamp_with_time_zone(Placements::AppliedAt))
        .col(date_null(Placements::StartDate))
        .col(date_null(Placements::EndDate))
        .col(text_null(Placements::EndReason))
        .col(timestamp_with_time_zone(Placements::CreatedAt))
        .col(timestamp_with_time_zone(Placements::UpdatedAt))
        .foreign_key(&mut fk(
            Placements::Table,
            Placements::TraineeId,
            Trainees::Table,
            ForeignKeyAction::Restrict,
        ))
        .foreign_key(&mut fk(
            Placements::Table,
            Placements::OrganisationId,
            Organisations::Table,
            ForeignKeyAction::Restrict,
        ))
        .to_owned();
    let indexes = vec![
        index(
            Placements::Table,
            [Placements::OrganisationId, Placements::Status],
        ),
        index(Placements::Table, [Placements::TraineeId]),
    ];
    (table, indexes)
}

fn outcomes() -> TableWithIndexes {
    let table = Table::create()
        .table(Outcomes::Table)
        .col(pk_auto(Outcomes::Id))
        .col(integer(Outcomes::TraineeId))
        .col(date(Outcomes::AsOf))
        .col(code(
            Outcomes::Kind,
            32,
            &[
                "employed",
                "self_employed",
                "business_started",
                "online_store",
                "livestream_host",
                "further_study",
                "not_working",
            ],
        ))
        .col(string_len_null(Outcomes::Employer, 200))
        .col(string_len_null(Outcomes::Position, 100))
        .col(string_len_null(Outcomes::BusinessName, 200))
        .col(string_len_null(Outcomes::BusinessCreditCode, 18))
        // douyin, kuaishou, taobao, pinduoduo, jd, wechat_channels, other.
        .col(string_len_null(Outcomes::Platform, 32))
        .col(string_len_null(Outcomes::ShopUrl, 500))
        .col(string_len_null(Outcomes::IncomeBand, 32))
        .col(
            integer(Outcomes::JobsCreated)
                .default(0)
                .check(Expr::col(Outcomes::JobsCreated).gte(0)),
        )
        .col(code(
            Outcomes::Source,
            20,
            &["self_reported", "follow_up", "verified"],
        ))
        .col(integer_null(Outcomes::RecordedBy))
        .col(timestamp_with_time_zone(Outcomes::RecordedAt))
        // A correction is a new row pointing at the one it replaces; rows are never edited.
        .col(integer_null(Outcomes::SupersedesId))
        .foreign_key(&mut fk(
            Outcomes::Table,
            Outcomes::TraineeId,
            Trainees::Table,
            ForeignKeyAction::Restrict,
        ))
        .foreign_key(&mut fk(
            Outcomes::Table,
            Outcomes::RecordedBy,
            Users::Table,
            ForeignKeyAction::Restrict,
        ))
        .foreign_key(&mut fk(
            Outcomes::Table,
            Outcomes::SupersedesId,
            Outcomes::Table,
            ForeignKeyAction::Restrict,
        ))
        .to_owned();
    let indexes = vec![index(
        Outcomes::Table,
        [Outcomes::TraineeId, Outcomes::AsOf],
    )];
    (table, indexes)
}

fn follow_ups() -> TableWithIndexes {
    let table = Table::create()
        .table(FollowUps::Table)
        .col(pk_auto(FollowUps::Id))
        .col(integer(FollowUps::TraineeId))
        .col(integer(FollowUps::EnrollmentId))
        .col(integer(FollowUps::DueMonths).check(Expr::col(FollowUps::DueMonths).is_in([3, 6, 12])))
        .col(date(FollowUps::DueOn))
        .col(code(FollowUps::Status, 20, &["due", "done", "unreachable"]).default("due"))
        .col(integer_null(FollowUps::DoneBy))
        .col(timestamp_with_time_zone_null(FollowUps::DoneAt))
        .col(text_null(FollowUps::Result))
        .col(integer_null(FollowUps::OutcomeId))
        .foreign_key(&mut fk(
            FollowUps::Table,
            FollowUps::TraineeId,
            Trainees::Table,
            ForeignKeyAction::Restrict,
        ))
        .foreign_key(&mut fk(
            FollowUps::Table,
            FollowUps::EnrollmentId,
            Enrollments::Table,
            ForeignKeyAction::Restrict,
        ))
        .foreign_key(&mut fk(
            FollowUps::Table,
            FollowUps::DoneBy,
            Users::Table,
            ForeignKeyAction::Restrict,
        ))
        .foreign_key(&mut fk(
            FollowUps::Table,
            FollowUps::OutcomeId,
            Outcomes::Table,
            ForeignKeyAction::Restrict,
        ))
        .to_owned();
    let indexes = vec![
        unique_index(
            FollowUps::Table,
            [FollowUps::EnrollmentId, FollowUps::DueMonths],
        ),
        index(FollowUps::Table, [FollowUps::Status, FollowUps::DueOn]),
    ];
    (table, indexes)
}

fn agreements() -> TableWithIndexes {
    let table = Table::create()
        .table(Agreements::Table)
        .col(pk_auto(Agreements::Id))
        .col(integer(Agreements::CollegeId))
        .col(integer(Agreements::PartnerId))
        .col(code(
            Agreements::Kind,
            32,
            &[
                "internship_base",
                "order_class",
                "co_built_centre",
                "job_placement",
            ],
        ))
        .col(date(Agreements::StartsOn))
        .col(date(Agreements::EndsOn))
        .col(
            integer(Agreements::PlacesOffered)
                .default(0)
                .check(Expr::col(Agreements::PlacesOffered).gte(0)),
        )
        .col(
            code(
                Agreements::Status,
                20,
                &["proposed", "confirmed", "ended", "cancelled"],
            )
            .default("proposed"),
        )
        .col(integer(Agreements::CreatedBy))
        .col(timestamp_with_time_zone(Agreements::CreatedAt))
        .col(timestamp_with_time_zone_null(Agreements::ConfirmedAt))
        .foreign_key(&mut fk(
            Agreements::Table,
            Agreements::CollegeId,
            Organisations::Table,
            ForeignKeyAction::Restrict,
        ))
        .foreign_key(&mut fk(
            Agreements::Table,
            Agreements::PartnerId,
            Organisations::Table,
            ForeignKeyAction::Restrict,
        ))
        .foreign_key(&mut fk(
            Agreements::Table,
            Agreements::CreatedBy,
            Users::Table,
            ForeignKeyAction::Restrict,
        ))
        .to_owned();
    let indexes = vec![
        index(Agreements::Table, [Agreements::EndsOn]),
        index(Agreements::Table, [Agreements::CollegeId]),
        index(Agreements::Table, [Agreements::PartnerId]),
    ];
    (table, indexes)
}

fn targets() -> TableWithIndexes {
    let table = Table::create()
        .table(Targets::Table)
        .col(pk_auto(Targets::Id))
        .col(integer(Targets::Year))
        .col(code(
            Targets::ScopeKind,
            20,
            &["city", "town", "programme", "industry"],
        ))
        // '' for the whole city; otherwise a town code, programme code or industry code.
        .col(string_len(Targets::ScopeValue, 32).default(""))
        .col(string_len(Targets::Kpi, 48))
        .col(double(Targets::Value))
        .to_owned();
    let indexes = vec![unique_index(
        Targets::Table,
        [
            Targets::Year,
            Targets::ScopeKind,
            Targets::ScopeValue,
            Targets::Kpi,
        ],
    )];
    (table, indexes)
}

fn audit_log() -> TableWithIndexes {
    let table = Table::create()
        .table(AuditLog::Table)
        .col(pk_auto(AuditLog::Id))
        .col(timestamp_with_time_zone(AuditLog::At))
        // Deliberately no foreign key: the log must outlive any row it mentions.
        .col(integer_null(AuditLog::ActorUserId))
        .col(string_len_null(AuditLog::ActorIp, 64))
        .col(string_len(AuditLog::Action, 64))
        .col(string_len(AuditLog::Entity, 32))
        .col(string_len_null(AuditLog::EntityId, 64))
        // JSON text.
        .col(text_null(AuditLog::Detail))
        .to_owned();
    let indexes = vec![
        index(AuditLog::Table, [AuditLog::At]),
        index(AuditLog::Table, [AuditLog::ActorUserId, AuditLog::At]),
        index(AuditLog::Table, [AuditLog::Entity, AuditLog::EntityId]),
        index(AuditLog::Table, [AuditLog::Action]),
    ];
    (table, indexes)
}

// ---- helpers -------------------------------------------------------------------------------

/// A non-null short string column that accepts only the listed codes.
fn code<C>(col: C, len: u32, allowed: &[&'static str]) -> ColumnDef
where
    C: Iden + Copy + 'static,
{
    string_len(col, len)
        .check(Expr::col(col).is_in(allowed.iter().copied()))
        .take()
}

/// A foreign key from `table.col` to `parent.id`, named `fk_<table>_<col>`.
fn fk<T, C, P>(
    table: T,
    col: C,
    parent: P,
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement
where
    T: Iden + Copy + 'static,
    C: Iden + Copy + 'static,
    P: Iden + Copy + 'static,
{
    ForeignKey::create()
        .name(format!("fk_{}_{}", table.unquoted(), col.unquoted()))
        .from(table, col)
        .to(parent, "id")
        .on_delete(on_delete)
        .on_update(ForeignKeyAction::NoAction)
        .to_owned()
}

/// A plain index named `idx_<table>_<col>_<col>…`.
fn index<T, C, const N: usize>(table: T, cols: [C; N]) -> IndexCreateStatement
where
    T: Iden + Copy + 'static,
    C: Iden + Copy + 'static,
{
    index_named("idx", table, cols)
}

/// A unique index named `uq_<table>_<col>_<col>…`.
fn unique_index<T, C, const N: usize>(table: T, cols: [C; N]) -> IndexCreateStatement
where
    T: Iden + Copy + 'static,
    C: Iden + Copy + 'static,
{
    index_named("uq", table, cols).unique().to_owned()
}

fn index_named<T, C, const N: usize>(prefix: &str, table: T, cols: [C; N]) -> IndexCreateStatement
where
    T: Iden + Copy + 'static,
    C: Iden + Copy + 'static,
{
    let mut name = format!("{prefix}_{}", table.unquoted());
    for col in cols {
        name.push('_');
        name.push_str(col.unquoted());
    }
    let mut index = Index::create();
    index.name(name).table(table);
    for col in cols {
        index.col(col);
    }
    index
}

// ---- identifiers ---------------------------------------------------------------------------
// Local to this migration on purpose: later migrations never reuse them, and entities are never
// imported, so this file keeps meaning what it meant on the day it landed.

#[derive(DeriveIden, Clone, Copy)]
enum Towns {
    Table,
    Id,
    Code,
    NameZh,
    NameEn,
    Kind,
    SortOrder,
}

#[derive(DeriveIden, Clone, Copy)]
enum Villages {
    Table,
    Id,
    TownId,
    Name,
}

#[derive(DeriveIden, Clone, Copy)]
enum Organisations {
    Table,
    Id,
    Kind,
    Name,
    CreditCode,
    TownId,
    Address,
    ContactName,
    ContactPhone,
    Status,
    StatusReason,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Users {
    Table,
    Id,
    Phone,
    PasswordHash,
    DisplayName,
    Role,
    OrganisationId,
    TownId,
    Status,
    CreatedAt,
    LastLoginAt,
    PasswordChangedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Sessions {
    Table,
    Id,
    TokenHash,
    UserId,
    CreatedAt,
    LastSeenAt,
    ExpiresAt,
    Ip,
    UserAgent,
}

#[derive(DeriveIden, Clone, Copy)]
enum Trainees {
    Table,
    Id,
    UserId,
    Name,
    IdNumberCipher,
    IdNumberHash,
    IdNumberMasked,
    Gender,
    BirthDate,
    TownId,
    Village,
    Education,
    PriorStatus,
    EcommerceExperience,
    ConsentAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Courses {
    Table,
    Id,
    OrganisationId,
    Title,
    Description,
    Programme,
    IndustryTags,
    Level,
    Mode,
    TownId,
    Venue,
    Capacity,
    SeatsTaken,
    TotalHours,
    CompletionThresholdPct,
    Assessed,
    PassMark,
    EnrolOpensAt,
    EnrolClosesAt,
    StartsOn,
    EndsOn,
    Funding,
    Status,
    StatusReason,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum CourseSessions {
    Table,
    Id,
    CourseId,
    StartsAt,
    EndsAt,
    Topic,
    Hours,
    Place,
    CheckinSecret,
}

#[derive(DeriveIden, Clone, Copy)]
enum Enrollments {
    Table,
    Id,
    CourseId,
    TraineeId,
    Status,
    WaitlistPosition,
    Score,
    AttendedHours,
    EnrolledAt,
    StatusChangedAt,
    CompletedAt,
    RemovedReason,
}

#[derive(DeriveIden, Clone, Copy)]
enum Attendance {
    Table,
    Id,
    EnrollmentId,
    SessionId,
    Status,
    Method,
    RecordedBy,
    RecordedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Certificates {
    Table,
    Id,
    Number,
    VerificationCode,
    Kind,
    TraineeId,
    CourseId,
    EnrollmentId,
    IssuedBy,
    IssuedAt,
    Status,
    RevokedReason,
    RevokedAt,
    Payload,
    Signature,
}

#[derive(DeriveIden, Clone, Copy)]
enum Placements {
    Table,
    Id,
    TraineeId,
    OrganisationId,
    Kind,
    Status,
    Statement,
    DecisionReason,
    Station,
    AppliedAt,
    StartDate,
    EndDate,
    EndReason,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Outcomes {
    Table,
    Id,
    TraineeId,
    AsOf,
    Kind,
    Employer,
    Position,
    BusinessName,
    BusinessCreditCode,
    Platform,
    ShopUrl,
    IncomeBand,
    JobsCreated,
    Source,
    RecordedBy,
    RecordedAt,
    SupersedesId,
}

#[derive(DeriveIden, Clone, Copy)]
enum FollowUps {
    Table,
    Id,
    TraineeId,
    EnrollmentId,
    DueMonths,
    DueOn,
    Status,
    DoneBy,
    DoneAt,
    Result,
    OutcomeId,
}

#[derive(DeriveIden, Clone, Copy)]
enum Agreements {
    Table,
    Id,
    CollegeId,
    PartnerId,
    Kind,
    StartsOn,
    EndsOn,
    PlacesOffered,
    Status,
    CreatedBy,
    CreatedAt,
    ConfirmedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Targets {
    Table,
    Id,
    Year,
    ScopeKind,
    ScopeValue,
    Kpi,
    Value,
}

#[derive(DeriveIden, Clone, Copy)]
enum AuditLog {
    Table,
    Id,
    At,
    ActorUserId,
    ActorIp,
    Action,
    Entity,
    EntityId,
    Detail,
}
