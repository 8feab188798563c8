//! `certificates`: Issued certificates. The PDF is rendered from the row, so it is always
//! reproducible.

use super::Coded;
use model::enums::{CertificateKind, CertificateStatus};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "certificates")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// e.g. YZ-2027-000123.
    #[sea_orm(unique)]
    pub number: String,
    /// Unguessable (≥128 bits); the public verification page's key.
    #[sea_orm(unique)]
    pub verification_code: String,
    pub kind: Coded<CertificateKind>,
    pub trainee_id: i32,
    pub course_id: Option<i32>,
    /// The completed enrolment it certifies; none for honours.
    #[sea_orm(unique)]
    pub enrollment_id: Option<i32>,
    pub issued_by: i32,
    pub issued_at: DateTimeUtc,
    pub status: Coded<CertificateStatus>,
    #[sea_orm(column_type = "Text")]
    pub revoked_reason: Option<String>,
    pub revoked_at: Option<DateTimeUtc>,
    /// The canonical payload that `signature` signs.
    #[sea_orm(column_type = "Text")]
    pub payload: String,
    /// Ed25519 signature over `payload`.
    pub signature: String,
    /// The certificate this one was reissued in place of (that one is revoked).
    pub replaces_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::trainees::Entity",
        from = "Column::TraineeId",
        to = "super::trainees::Column::Id",
        fk_name = "fk_certificates_trainee_id",
        on_update = "NoAction",
        on_delete = "Restrict"
    )]
    Trainees,
    #[sea_orm(
        belongs_to = "super::courses::Entity",
        from = "Column::CourseId",
        to = "super::courses::Column::Id",
        fk_name = "fk_certificates_course_id",
        on_update = "NoAction",
        on_delete = "Restrict"
    )]
    Courses,
    #[sea_orm(
        belongs_to = "super::enrollments::Entity",
        from = "Column::EnrollmentId",
        to = "super::enrollments::Column::Id",
        fk_name = "fk_certificates_enrollment_id",
        on_update = "NoAction",
        on_delete = "Restrict"
    )]
    Enrollments,
    #[sea_orm(
        belongs_to = "super::users::Entity",
        from = "Column::IssuedBy",
        to = "super::users::Column::Id",
        fk_name = "fk_certificates_issued_by",
        on_update = "NoAction",
        on_delete = "Restrict"
    )]
    Users,
}

impl Related<super::trainees::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Trainees.def()
    }
}

impl Related<super::courses::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Courses.def()
    }
}

impl Related<super::enrollments::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Enrollments.def()
    }
}

impl Related<super::users::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Users.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
