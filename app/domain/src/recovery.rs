//! Password recovery by SMS code (`/reset`): the phone gets a code, the code sets a new
//! password, every session of the account ends and a new one starts. For an imported account
//! that never had a password, this is how its holder gets in with only their phone.

use crate::accounts::{Client, NewSession, actor_for, start_session};
use crate::audit::{self, Event};
use crate::db::begin_write;
use crate::entities::{sessions, users};
use crate::{DomainError, DomainResult, Services, messages, phone_codes};
use chrono::Utc;
use model::accounts::{
    CodePurpose, ResetCodeInput, ResetInput, code_wrong, normalise_phone, phone_is_valid,
};
use model::audit::{AuditAction, AuditRecord};
use model::enums::UserStatus;
use model::i18n::Msg;
use model::messages::MessageTemplate;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

/// Sends a reset code to `phone` when it has an account. The answer is the same either way.
pub async fn request_code(
    svc: &Services,
    input: ResetCodeInput,
    client: &Client,
) -> DomainResult<()> {
    let phone = normalise_phone(&input.phone);
    if !phone_is_valid(&phone) {
        return Err(DomainError::field("phone", Msg::ErrPhoneFormat));
    }
    let txn = begin_write(&svc.db).await?;
    let code = phone_codes::issue(
        &txn,
        &svc.keys,
        &phone,
        CodePurpose::Reset,
        client.ip.as_deref(),
    )
    .await?;
    let holder = users::Entity::find()
        .filter(users::Column::Phone.eq(&phone))
        .one(&txn)
        .await?;
    if holder.is_some_and(|u| u.status == UserStatus::Active) {
        messages::send_code(&txn, &phone, MessageTemplate::ResetCode, &code).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Sets a new password with the code sent to the phone, ends every session of the account and
/// signs it in (audited). A wrong code costs one of its tries.
pub async fn reset_password(
    svc: &Services,
    input: ResetInput,
    client: &Client,
) -> DomainResult<NewSession> {
    DomainError::check(input.validate())?;
    let phone = normalise_phone(&input.phone);
    let txn = begin_write(&svc.db).await?;
    let checked =
        phone_codes::check(&txn, &svc.keys, &phone, CodePurpose::Reset, &input.code).await?;
    let user = users::Entity::find()
        .filter(users::Column::Phone.eq(&phone))
        .one(&txn)
        .await?;
    txn.commit().await?;
    let user = match (checked, user) {
        (Ok(()), Some(user)) => user,
        (Err(tries_left), _) => return Err(DomainError::field("code", code_wrong(tries_left))),
        // A code is only ever sent to a number with an account.
        (Ok(()), None) => return Err(DomainError::field("code", Msg::ErrCodeExpired)),
    };
    if user.status != UserStatus::Active {
        return Err(DomainError::Conflict(Msg::ErrAccountDisabled));
    }
    let hash = svc.passwords.hash(&input.password).await?;
    let txn = begin_write(&svc.db).await?;
    let now = Utc::now();
    sessions::Entity::delete_many()
        .filter(sessions::Column::UserId.eq(user.id))
        .exec(&txn)
        .await?;
    let mut active: users::ActiveModel = user.clone().into();
    active.password_hash = Set(hash);
    active.password_changed_at = Set(now);
    active.last_login_at = Set(Some(now));
    let user = active.update(&txn).await?;
    let fresh = Client {
        session_id: None,
        ..client.clone()
    };
    let session = start_session(&txn, &user, &fresh).await?;
    audit::record(
        &txn,
        &actor_for(&session.user, client),
        Event {
            action: AuditAction::UserPasswordReset,
            entity: AuditRecord::User,
            entity_id: Some(user.id.to_string()),
            detail: None,
        },
    )
    .await?;
    txn.commit().await?;
    svc.throttle.record_success(&phone);
    Ok(session)
}
