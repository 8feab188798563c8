//! Reissued certificates point to the certificate they replace (which stays, revoked); the
//! index finds the replacement of a certificate for its verification page.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Certificates {
    Table,
    ReplacesId,
}

const BY_REPLACES: &str = "idx_certificates_replaces_id";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Certificates::Table)
                    .add_column(ColumnDef::new(Certificates::ReplacesId).integer().null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(BY_REPLACES)
                    .table(Certificates::Table)
                    .col(Certificates::ReplacesId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name(BY_REPLACES)
                    .table(Certificates::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Certificates::Table)
                    .drop_column(Certificates::ReplacesId)
                    .to_owned(),
            )
            .await
    }
}
