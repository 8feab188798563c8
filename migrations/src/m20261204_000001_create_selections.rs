//! Public honour selections (诚信带货主播, 文明诚信电商): a round the bureau opens for a kind and a
//! year, the people nominated in it (by partners, by the bureau, or applying themselves), the
//! reviewers' scores, complaints and violations recorded against a candidate, and the
//! objections the public sends while the shortlist is on public notice (公示).
//!
//! A person is nominated at most once per round (unique index); a reviewer scores a
//! nomination at most once (unique index, a second score replaces the first in the service).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum SelectionRounds {
    Table,
    Id,
    Kind,
    Year,
    Title,
    Criteria,
    NoticeDays,
    Status,
    NoticeStartsAt,
    NoticeEndsAt,
    PublishedAt,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum SelectionNominations {
    Table,
    Id,
    RoundId,
    TraineeId,
    BusinessName,
    Reason,
    OrganisationId,
    NominatedBy,
    Status,
    CertificateId,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum SelectionScores {
    Table,
    Id,
    NominationId,
    ReviewerId,
    Score,
    Comment,
    ScoredAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum SelectionViolations {
    Table,
    Id,
    NominationId,
    Source,
    Description,
    Effect,
    Points,
    RecordedBy,
    RecordedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum SelectionObjections {
    Table,
    Id,
    RoundId,
    NominationId,
    Body,
    ContactName,
    ContactPhone,
    Status,
    Reply,
    HandledBy,
    HandledAt,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum Trainees {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum Organisations {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum Certificates {
    Table,
    Id,
}

const ONE_PER_ROUND: &str = "idx_selection_nominations_round_id_trainee_id";
const ONE_SCORE_EACH: &str = "idx_selection_scores_nomination_id_reviewer_id";
const VIOLATIONS_BY_NOMINATION: &str = "idx_selection_violations_nomination_id";
const OBJECTIONS_BY_ROUND: &str = "idx_selection_objections_round_id";

fn fk(
    name: &str,
    from: (impl IntoIden, impl IntoIden),
    to: (impl IntoIden, impl IntoIden),
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(from.0, from.1)
        .to(to.0, to.1)
        .on_delete(ForeignKeyAction::Restrict)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SelectionRounds::Table)
                    .col(pk_auto(SelectionRounds::Id))
                    .col(
                        string_len(SelectionRounds::Kind, 20)
                            .check(
                                Expr::col(SelectionRounds::Kind)
                                    .is_in(["honest_host", "honest_business"]),
                            )
                            .take(),
                    )
                    .col(integer(SelectionRounds::Year))
                    .col(string_len(SelectionRounds::Title, 200))
                    .col(text(SelectionRounds::Criteria))
                    .col(
                        integer(SelectionRounds::NoticeDays).check(
                            Expr::col(SelectionRounds::NoticeDays)
                                .gte(1)
                                .and(Expr::col(SelectionRounds::NoticeDays).lte(30)),
                        ),
                    )
                    .col(
                        string_len(SelectionRounds::Status, 20)
                            .check(Expr::col(SelectionRounds::Status).is_in([
                                "open",
                                "notice",
                                "published",
                                "cancelled",
                            ]))
                            .take(),
                    )
                    .col(timestamp_with_time_zone_null(
                        SelectionRounds::NoticeStartsAt,
                    ))
                    .col(timestamp_with_time_zone_null(SelectionRounds::NoticeEndsAt))
                    .col(timestamp_with_time_zone_null(SelectionRounds::PublishedAt))
                    .col(integer(SelectionRounds::CreatedBy))
                    .col(timestamp_with_time_zone(SelectionRounds::CreatedAt))
                    .col(timestamp_with_time_zone(SelectionRounds::UpdatedAt))
                    .foreign_key(&mut fk(
                        "fk_selection_rounds_created_by",
                        (SelectionRounds::Table, SelectionRounds::CreatedBy),
                        (Users::Table, Users::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SelectionNominations::Table)
                    .col(pk_auto(SelectionNominations::Id))
                    .col(integer(SelectionNominations::RoundId))
                    .col(integer(SelectionNominations::TraineeId))
                    .col(string_len_null(SelectionNominations::BusinessName, 200))
                    .col(text(SelectionNominations::Reason))
                    .col(integer_null(SelectionNominations::OrganisationId))
                    .col(integer(SelectionNominations::NominatedBy))
                    .col(
                        string_len(SelectionNominations::Status, 20)
                            .check(Expr::col(SelectionNominations::Status).is_in([
                                "nominated",
                                "shortlisted",
                                "honoured",
                                "not_selected",
                                "withdrawn",
                            ]))
                            .take(),
                    )
                    .col(integer_null(SelectionNominations::CertificateId))
                    .col(timestamp_with_time_zone(SelectionNominations::CreatedAt))
                    .foreign_key(&mut fk(
                        "fk_selection_nominations_round_id",
                        (SelectionNominations::Table, SelectionNominations::RoundId),
                        (SelectionRounds::Table, SelectionRounds::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_selection_nominations_trainee_id",
                        (SelectionNominations::Table, SelectionNominations::TraineeId),
                        (Trainees::Table, Trainees::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_selection_nominations_organisation_id",
                        (
                            SelectionNominations::Table,
                            SelectionNominations::OrganisationId,
                        ),
                        (Organisations::Table, Organisations::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_selection_nominations_nominated_by",
                        (
                            SelectionNominations::Table,
                            SelectionNominations::NominatedBy,
                        ),
                        (Users::Table, Users::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_selection_nominations_certificate_id",
                        (
                            SelectionNominations::Table,
                            SelectionNominations::CertificateId,
                        ),
                        (Certificates::Table, Certificates::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(ONE_PER_ROUND)
                    .table(SelectionNominations::Table)
                    .col(SelectionNominations::RoundId)
                    .col(SelectionNominations::TraineeId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SelectionScores::Table)
                    .col(pk_auto(SelectionScores::Id))
                    .col(integer(SelectionScores::NominationId))
                    .col(integer(SelectionScores::ReviewerId))
                    .col(
                        integer(SelectionScores::Score).check(
                            Expr::col(SelectionScores::Score)
                                .gte(0)
                                .and(Expr::col(SelectionScores::Score).lte(100)),
                        ),
                    )
                    .col(text_null(SelectionScores::Comment))
                    .col(timestamp_with_time_zone(SelectionScores::ScoredAt))
                    .foreign_key(&mut fk(
                        "fk_selection_scores_nomination_id",
                        (SelectionScores::Table, SelectionScores::NominationId),
                        (SelectionNominations::Table, SelectionNominations::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_selection_scores_reviewer_id",
                        (SelectionScores::Table, SelectionScores::ReviewerId),
                        (Users::Table, Users::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(ONE_SCORE_EACH)
                    .table(SelectionScores::Table)
                    .col(SelectionScores::NominationId)
                    .col(SelectionScores::ReviewerId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SelectionViolations::Table)
                    .col(pk_auto(SelectionViolations::Id))
                    .col(integer(SelectionViolations::NominationId))
                    .col(string_len(SelectionViolations::Source, 200))
                    .col(text(SelectionViolations::Description))
                    .col(
                        string_len(SelectionViolations::Effect, 20)
                            .check(
                                Expr::col(SelectionViolations::Effect).is_in(["block", "deduct"]),
                            )
                            .take(),
                    )
                    .col(
                        integer(SelectionViolations::Points).check(
                            Expr::col(SelectionViolations::Points)
                                .gte(0)
                                .and(Expr::col(SelectionViolations::Points).lte(100)),
                        ),
                    )
                    .col(integer(SelectionViolations::RecordedBy))
                    .col(timestamp_with_time_zone(SelectionViolations::RecordedAt))
                    .foreign_key(&mut fk(
                        "fk_selection_violations_nomination_id",
                        (
                            SelectionViolations::Table,
                            SelectionViolations::NominationId,
                        ),
                        (SelectionNominations::Table, SelectionNominations::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_selection_violations_recorded_by",
                        (SelectionViolations::Table, SelectionViolations::RecordedBy),
                        (Users::Table, Users::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(VIOLATIONS_BY_NOMINATION)
                    .table(SelectionViolations::Table)
                    .col(SelectionViolations::NominationId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SelectionObjections::Table)
                    .col(pk_auto(SelectionObjections::Id))
                    .col(integer(SelectionObjections::RoundId))
                    .col(integer_null(SelectionObjections::NominationId))
                    .col(text(SelectionObjections::Body))
                    .col(string_len(SelectionObjections::ContactName, 50))
                    .col(string_len(SelectionObjections::ContactPhone, 20))
                    .col(
                        string_len(SelectionObjections::Status, 20)
                            .check(Expr::col(SelectionObjections::Status).is_in([
                                "received",
                                "upheld",
                                "dismissed",
                            ]))
                            .take(),
                    )
                    .col(text_null(SelectionObjections::Reply))
                    .col(integer_null(SelectionObjections::HandledBy))
                    .col(timestamp_with_time_zone_null(
                        SelectionObjections::HandledAt,
                    ))
                    .col(timestamp_with_time_zone(SelectionObjections::CreatedAt))
                    .foreign_key(&mut fk(
                        "fk_selection_objections_round_id",
                        (SelectionObjections::Table, SelectionObjections::RoundId),
                        (SelectionRounds::Table, SelectionRounds::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_selection_objections_nomination_id",
                        (
                            SelectionObjections::Table,
                            SelectionObjections::NominationId,
                        ),
                        (SelectionNominations::Table, SelectionNominations::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_selection_objections_handled_by",
                        (SelectionObjections::Table, SelectionObjections::HandledBy),
                        (Users::Table, Users::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(OBJECTIONS_BY_ROUND)
                    .table(SelectionObjections::Table)
                    .col(SelectionObjections::RoundId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            SelectionObjections::Table.into_iden(),
            SelectionViolations::Table.into_iden(),
            SelectionScores::Table.into_iden(),
            SelectionNominations::Table.into_iden(),
            SelectionRounds::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
