//! Events a base holds — training talks, salons, roadshows, matchmaking fairs, contests — which
//! count into the base's yearly KPIs ("events held").

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum BaseEvents {
    Table,
    Id,
    OrganisationId,
    HeldOn,
    Kind,
    Title,
    Participants,
    Notes,
    CreatedBy,
    CreatedAt,
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

const BY_BASE: &str = "idx_base_events_organisation_id_held_on";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(BaseEvents::Table)
                    .col(pk_auto(BaseEvents::Id))
                    .col(integer(BaseEvents::OrganisationId))
                    .col(date(BaseEvents::HeldOn))
                    .col(
                        string_len(BaseEvents::Kind, 20)
                            .check(Expr::col(BaseEvents::Kind).is_in([
                                "training",
                                "salon",
                                "roadshow",
                                "matchmaking",
                                "contest",
                                "other",
                            ]))
                            .take(),
                    )
                    .col(string_len(BaseEvents::Title, 200))
                    .col(
                        integer(BaseEvents::Participants).check(
                            Expr::col(BaseEvents::Participants)
                                .gte(0)
                                .and(Expr::col(BaseEvents::Participants).lte(100_000)),
                        ),
                    )
                    .col(text_null(BaseEvents::Notes))
                    .col(integer(BaseEvents::CreatedBy))
                    .col(timestamp_with_time_zone(BaseEvents::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_base_events_organisation_id")
                            .from(BaseEvents::Table, BaseEvents::OrganisationId)
                            .to(Organisations::Table, Organisations::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_base_events_created_by")
                            .from(BaseEvents::Table, BaseEvents::CreatedBy)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(BY_BASE)
                    .table(BaseEvents::Table)
                    .col(BaseEvents::OrganisationId)
                    .col(BaseEvents::HeldOn)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(BaseEvents::Table).to_owned())
            .await
    }
}
