//! Places (岗位/工位) that bases publish — incubation stations, livestream rooms, internships and
//! jobs — with the courses that qualify for them; applications and placements point to the
//! place they are for.
//!
//! `taken` counts the places held by active placements; it is guarded like a course's seats
//! (`taken < capacity` in the UPDATE that takes one) and the CHECK is the last line of defence.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Places {
    Table,
    Id,
    OrganisationId,
    Kind,
    Title,
    Description,
    Requirements,
    Support,
    Capacity,
    Taken,
    StartsOn,
    EndsOn,
    RequiresCertificate,
    Status,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum PlaceCourses {
    Table,
    PlaceId,
    CourseId,
}

#[derive(DeriveIden, Clone, Copy)]
enum Placements {
    Table,
    PlaceId,
}

#[derive(DeriveIden, Clone, Copy)]
enum Organisations {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum Courses {
    Table,
    Id,
}

const BY_STATUS: &str = "idx_places_status_organisation_id";
const PLACEMENTS_BY_PLACE: &str = "idx_placements_place_id";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Places::Table)
                    .col(pk_auto(Places::Id))
                    .col(integer(Places::OrganisationId))
                    .col(
                        string_len(Places::Kind, 32)
                            .check(Expr::col(Places::Kind).is_in([
                                "incubation",
                                "internship",
                                "livestream_room",
                                "job",
                            ]))
                            .take(),
                    )
                    .col(string_len(Places::Title, 200))
                    .col(text_null(Places::Description))
                    .col(text_null(Places::Requirements))
                    // Comma-separated support codes: free_space, equipment, mentoring, traffic.
                    .col(string_len(Places::Support, 200).default(""))
                    .col(integer(Places::Capacity).check(Expr::col(Places::Capacity).gt(0)))
                    .col(
                        integer(Places::Taken).default(0).check(
                            Expr::col(Places::Taken)
                                .gte(0)
                                .and(Expr::col(Places::Taken).lte(Expr::col(Places::Capacity))),
                        ),
                    )
                    .col(date(Places::StartsOn))
                    .col(date(Places::EndsOn))
                    .col(boolean(Places::RequiresCertificate).default(false))
                    .col(
                        string_len(Places::Status, 20)
                            .default("open")
                            .check(Expr::col(Places::Status).is_in(["open", "closed"]))
                            .take(),
                    )
                    .col(integer(Places::CreatedBy))
                    .col(timestamp_with_time_zone(Places::CreatedAt))
                    .col(timestamp_with_time_zone(Places::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_places_organisation_id")
                            .from(Places::Table, Places::OrganisationId)
                            .to(Organisations::Table, Organisations::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_places_created_by")
                            .from(Places::Table, Places::CreatedBy)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(BY_STATUS)
                    .table(Places::Table)
                    .col(Places::Status)
                    .col(Places::OrganisationId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PlaceCourses::Table)
                    .col(integer(PlaceCourses::PlaceId))
                    .col(integer(PlaceCourses::CourseId))
                    .primary_key(
                        Index::create()
                            .col(PlaceCourses::PlaceId)
                            .col(PlaceCourses::CourseId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_place_courses_place_id")
                            .from(PlaceCourses::Table, PlaceCourses::PlaceId)
                            .to(Places::Table, Places::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_place_courses_course_id")
                            .from(PlaceCourses::Table, PlaceCourses::CourseId)
                            .to(Courses::Table, Courses::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        // SQLite cannot add a named foreign key to an existing table, but both engines accept
        // an inline REFERENCES on the added column.
        manager
            .alter_table(
                Table::alter()
                    .table(Placements::Table)
                    .add_column(
                        ColumnDef::new(Placements::PlaceId)
                            .integer()
                            .null()
                            .extra("REFERENCES places (id)"),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(PLACEMENTS_BY_PLACE)
                    .table(Placements::Table)
                    .col(Placements::PlaceId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name(PLACEMENTS_BY_PLACE)
                    .table(Placements::Table)
                    .to_owned(),
            )
            .await?;
        // SQLite cannot drop a column that references another table: there it stays, empty.
        if manager.get_database_backend() != DbBackend::Sqlite {
            manager
                .alter_table(
                    Table::alter()
                        .table(Placements::Table)
                        .drop_column(Placements::PlaceId)
                        .to_owned(),
                )
                .await?;
        } else {
            manager
                .get_connection()
                .execute_unprepared("UPDATE placements SET place_id = NULL")
                .await?;
        }
        manager
            .drop_table(Table::drop().table(PlaceCourses::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Places::Table).to_owned())
            .await
    }
}
