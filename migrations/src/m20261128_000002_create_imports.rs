//! Trainee imports: an uploaded sheet is checked into a preview (one row here, the parsed rows
//! sealed with the secret key because they hold ID numbers), then applied all at once or
//! discarded. The payload is cleared once the import is applied or discarded.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Imports {
    Table,
    Id,
    CreatedBy,
    OrganisationId,
    CourseId,
    FileName,
    Status,
    TotalRows,
    ValidRows,
    Payload,
    Result,
    CreatedAt,
    FinishedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum Organisations {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum Courses {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Imports::Table)
                    .col(pk_auto(Imports::Id))
                    .col(integer(Imports::CreatedBy))
                    .col(integer_null(Imports::OrganisationId))
                    .col(integer_null(Imports::CourseId))
                    .col(string_len(Imports::FileName, 200))
                    .col(
                        string_len(Imports::Status, 20)
                            .check(Expr::col(Imports::Status).is_in([
                                "previewed",
                                "applying",
                                "applied",
                                "discarded",
                            ]))
                            .take(),
                    )
                    .col(integer(Imports::TotalRows))
                    .col(integer(Imports::ValidRows))
                    .col(text_null(Imports::Payload))
                    .col(text_null(Imports::Result))
                    .col(timestamp_with_time_zone(Imports::CreatedAt))
                    .col(timestamp_with_time_zone_null(Imports::FinishedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_imports_created_by")
                            .from(Imports::Table, Imports::CreatedBy)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_imports_organisation_id")
                            .from(Imports::Table, Imports::OrganisationId)
                            .to(Organisations::Table, Organisations::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_imports_course_id")
                            .from(Imports::Table, Imports::CourseId)
                            .to(Courses::Table, Courses::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_imports_organisation_id_created_at")
                    .table(Imports::Table)
                    .col(Imports::OrganisationId)
                    .col(Imports::CreatedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Imports::Table).to_owned())
            .await
    }
}
