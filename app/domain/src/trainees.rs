//! Trainees' real-name profiles. The ID number is checked (GB 11643), stored encrypted,
//! found by a keyed hash (so one person has one account) and shown masked; only a bureau admin
//! may see it whole, and every such view is audited.

use crate::audit::{self, Event};
use crate::db::{begin_write, is_unique_violation};
use crate::entities::Coded;
use crate::entities::{trainees, users};
use crate::identity::{
    decrypt_id_number, encrypt_id_number, id_number_hash, mask_id_number, normalise_id_number,
    parse_id_number,
};
use crate::local_time::format_time;
use crate::policy::{self, Operation};
use crate::{Actor, DomainError, DomainResult, Services};
use chrono::Utc;
use model::audit::AuditAction;
use model::audit::AuditRecord;
use model::enums::Gender;
use model::form::{FormInput, push_error};
use model::i18n::Msg;
use model::trainees::{ProfileInput, ProfileView};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, Set,
};

/// The signed-in trainee's profile row, if they have completed one.
pub async fn own_row(
    db: &impl ConnectionTrait,
    actor: &Actor,
) -> DomainResult<Option<trainees::Model>> {
    let Some(user_id) = actor.user_id() else {
        return Err(DomainError::Unauthenticated);
    };
    Ok(trainees::Entity::find()
        .filter(trainees::Column::UserId.eq(user_id))
        .one(db)
        .await?)
}

async fn view(db: &impl ConnectionTrait, t: trainees::Model) -> DomainResult<ProfileView> {
    let town = crate::towns::list(db)
        .await?
        .into_iter()
        .find(|x| x.id == t.town_id)
        .map(|x| x.name_zh)
        .unwrap_or_default();
    Ok(ProfileView {
        trainee_id: t.id,
        name: t.name,
        id_number_masked: t.id_number_masked,
        gender: *t.gender,
        birth_date: t.birth_date,
        town_id: t.town_id,
        town,
        village: t.village.unwrap_or_default(),
        education: t.education,
        prior_status: t.prior_status,
        ecommerce_experience: t.ecommerce_experience,
        consent_at: format_time(t.consent_at),
    })
}

/// The signed-in trainee's own profile (`None` until completed).
pub async fn my_profile(
    db: &impl ConnectionTrait,
    actor: &Actor,
) -> DomainResult<Option<ProfileView>> {
    policy::authorize(actor, Operation::EditOwnProfile)?;
    match own_row(db, actor).await? {
        Some(t) => Ok(Some(view(db, t).await?)),
        None => Ok(None),
    }
}

/// Creates or updates the signed-in trainee's profile. The ID number is set once; gender and
/// birth date come from it.
pub async fn save_profile(svc: &Services, actor: &Actor, input: ProfileInput) -> DomainResult<i32> {
    policy::authorize(actor, Operation::EditOwnProfile)?;
    let user_id = actor.user_id().ok_or(DomainError::Unauthenticated)?;
    let db = &svc.db;
    let mut errors = input.validate();
    if let Some(town) = input.town_id
        && crate::entities::towns::Entity::find_by_id(town)
            .one(db)
            .await?
            .is_none()
    {
        push_error(&mut errors, "town_id", Msg::ErrChoose);
    }
    let existing = own_row(db, actor).await?;
    // A new profile: the ID number, checked, and not already someone else's.
    let id_number = if existing.is_none() {
        let id = normalise_id_number(&input.id_number);
        let facts = parse_id_number(&id);
        if id.len() != 18 {
            push_error(&mut errors, "id_number", Msg::ErrIdNumberFormat);
        } else if facts.is_none() {
            push_error(&mut errors, "id_number", Msg::ErrIdNumberCheck);
        } else if trainees::Entity::find()
            .filter(trainees::Column::IdNumberHash.eq(id_number_hash(&svc.keys, &id)))
            .one(db)
            .await?
            .is_some()
        {
            push_error(&mut errors, "id_number", Msg::ErrIdNumberTaken);
        }
        facts.map(|f| (id, f))
    } else {
        None
    };
    DomainError::check(errors)?;
    let town_id = input
        .town_id
        .ok_or(DomainError::field("town_id", Msg::ErrChoose))?;
    let village = Some(input.village.trim().to_string()).filter(|v| !v.is_empty());
    let name = input.name.trim().to_string();
    let now = Utc::now();
    let txn = begin_write(db).await?;
    let (trainee_id, action) = match existing {
        Some(row) => {
            let id = row.id;
            let mut active = row.into_active_model();
            active.name = Set(name.clone());
            active.town_id = Set(town_id);
            active.village = Set(village);
            active.education = Set(input.education.clone());
            active.prior_status = Set(input.prior_status.clone());
            active.ecommerce_experience = Set(input.ecommerce_experience.clone());
            active.updated_at = Set(now);
            active.update(&txn).await?;
            (id, AuditAction::TraineeProfileUpdated)
        }
        None => {
            let (id, facts) =
                id_number.ok_or(DomainError::field("id_number", Msg::ErrIdNumberCheck))?;
            let inserted = trainees::ActiveModel {
                user_id: Set(user_id),
                name: Set(name.clone()),
                id_number_cipher: Set(encrypt_id_number(&svc.keys, &id)),
                id_number_hash: Set(id_number_hash(&svc.keys, &id)),
                id_number_masked: Set(mask_id_number(&id)),
                gender: Set(if facts.male {
                    Coded(Gender::Male)
                } else {
                    Coded(Gender::Female)
                }),
                birth_date: Set(facts.birth_date),
                town_id: Set(town_id),
                village: Set(village),
                education: Set(input.education.clone()),
                prior_status: Set(input.prior_status.clone()),
                ecommerce_experience: Set(input.ecommerce_experience.clone()),
                consent_at: Set(now),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await;
            match inserted {
                Ok(row) => (row.id, AuditAction::TraineeProfileCreated),
                // The same person registering from two accounts at once: one wins.
                Err(e) if is_unique_violation(&e) => {
                    return Err(DomainError::field("id_number", Msg::ErrIdNumberTaken));
                }
                Err(e) => return Err(e.into()),
            }
        }
    };
    users::Entity::update_many()
        .col_expr(
            users::Column::DisplayName,
            sea_orm::sea_query::Expr::value(name),
        )
        .filter(users::Column::Id.eq(user_id))
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        actor,
        Event {
            action,
            entity: AuditRecord::Trainee,
            entity_id: Some(trainee_id.to_string()),
            detail: None,
        },
    )
    .await?;
    txn.commit().await?;
    Ok(trainee_id)
}

/// The whole ID number, for a bureau admin only; the view is audited.
pub async fn reveal_id_number(
    svc: &Services,
    actor: &Actor,
    trainee_id: i32,
) -> DomainResult<String> {
    policy::authorize(actor, Operation::RevealIdNumber)?;
    let row = trainees::Entity::find_by_id(trainee_id)
        .one(&svc.db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let id = decrypt_id_number(&svc.keys, &row.id_number_cipher)?;
    audit::record(
        &svc.db,
        actor,
        Event {
            action: AuditAction::TraineeIdRevealed,
            entity: AuditRecord::Trainee,
            entity_id: Some(trainee_id.to_string()),
            detail: None,
        },
    )
    .await?;
    Ok(id)
}
