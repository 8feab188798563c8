//! The livestream host registry: a trainee who works as a host has one profile (unique per
//! trainee) with the categories they sell, the agency (a livestream base or MCN company among
//! the partners) they work with, their monthly sessions and sales band; and their accounts on
//! the platforms (one row each, an account named once per host and platform).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Hosts {
    Table,
    Id,
    TraineeId,
    AgencyId,
    Categories,
    MonthlySessions,
    SalesBand,
    Source,
    Active,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum HostAccounts {
    Table,
    Id,
    HostId,
    Platform,
    AccountName,
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

const ONE_PER_TRAINEE: &str = "idx_hosts_trainee_id";
const BY_AGENCY: &str = "idx_hosts_agency_id";
const ONE_ACCOUNT_NAME: &str = "idx_host_accounts_host_id_platform_account_name";

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
                    .table(Hosts::Table)
                    .col(pk_auto(Hosts::Id))
                    .col(integer(Hosts::TraineeId))
                    .col(integer_null(Hosts::AgencyId))
                    .col(string_len(Hosts::Categories, 200))
                    .col(
                        integer_null(Hosts::MonthlySessions).check(
                            Expr::col(Hosts::MonthlySessions)
                                .gte(0)
                                .and(Expr::col(Hosts::MonthlySessions).lte(1000)),
                        ),
                    )
                    .col(string_len_null(Hosts::SalesBand, 20))
                    .col(
                        string_len(Hosts::Source, 20)
                            .check(
                                Expr::col(Hosts::Source)
                                    .is_in(["applied", "outcome", "agency", "bureau"]),
                            )
                            .take(),
                    )
                    .col(boolean(Hosts::Active))
                    .col(timestamp_with_time_zone(Hosts::CreatedAt))
                    .col(timestamp_with_time_zone(Hosts::UpdatedAt))
                    .foreign_key(&mut fk(
                        "fk_hosts_trainee_id",
                        (Hosts::Table, Hosts::TraineeId),
                        (Trainees::Table, Trainees::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_hosts_agency_id",
                        (Hosts::Table, Hosts::AgencyId),
                        (Organisations::Table, Organisations::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(ONE_PER_TRAINEE)
                    .table(Hosts::Table)
                    .col(Hosts::TraineeId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(BY_AGENCY)
                    .table(Hosts::Table)
                    .col(Hosts::AgencyId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(HostAccounts::Table)
                    .col(pk_auto(HostAccounts::Id))
                    .col(integer(HostAccounts::HostId))
                    .col(string_len(HostAccounts::Platform, 20))
                    .col(string_len(HostAccounts::AccountName, 100))
                    .foreign_key(&mut fk(
                        "fk_host_accounts_host_id",
                        (HostAccounts::Table, HostAccounts::HostId),
                        (Hosts::Table, Hosts::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(ONE_ACCOUNT_NAME)
                    .table(HostAccounts::Table)
                    .col(HostAccounts::HostId)
                    .col(HostAccounts::Platform)
                    .col(HostAccounts::AccountName)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [HostAccounts::Table.into_iden(), Hosts::Table.into_iden()] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
