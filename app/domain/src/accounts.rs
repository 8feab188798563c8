//! Accounts and sessions: sign-up, log-in, log-out, password changes, role changes, and
//! turning a session token into an [`AuthUser`].
//!
//! Sessions are server-side: the browser holds a random 256-bit token, the database only its
//! SHA-256, so a leaked database does not let anyone in. A session ends after
//! [`IDLE_TIMEOUT`] without use or [`ABSOLUTE_TIMEOUT`] after login, whichever comes first.

use crate::audit::{self, Event};
use crate::db::{begin_write, is_unique_violation};
use crate::entities::{sessions, users};
use crate::policy::{self, Operation};
use crate::{Actor, AuthUser, DomainError, DomainResult, Services};
use base64::Engine;
use chrono::{DateTime, Duration, Utc};
use model::Role;
use model::accounts::{
    ActivateInput, ChangePasswordInput, LogInInput, PASSWORD_MAX_CHARS, PASSWORD_MIN_CHARS,
    SessionUser, SignUpInput, UserPage, UserRow, mask_phone, normalise_phone, phone_is_valid,
};
use model::audit::AuditAction;
use model::audit::AuditRecord;
use model::enums::UserStatus;
use model::i18n::Msg;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use sha2::{Digest, Sha256};

pub const IDLE_TIMEOUT: Duration = Duration::days(7);
pub const ABSOLUTE_TIMEOUT: Duration = Duration::days(30);
/// `last_seen_at` is written at most this often, so browsing is not a stream of writes.
const LAST_SEEN_RESOLUTION: Duration = Duration::minutes(5);
pub const USERS_PER_PAGE: u64 = 50;

/// A session just created: the token goes into the cookie, and is never stored.
pub struct NewSession {
    pub token: String,
    pub user: AuthUser,
    pub expires_at: DateTime<Utc>,
}

/// Where a request comes from, recorded with its session.
#[derive(Clone, Debug, Default)]
pub struct Client {
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    /// The session the browser or client signed in with already, if any: ended when a new one
    /// starts (a login never keeps a session that came before it).
    pub session_id: Option<i32>,
}

pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

pub(crate) fn new_token() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// What the browser may know about the signed-in user.
pub fn session_user(user: &AuthUser) -> SessionUser {
    SessionUser {
        id: user.id,
        phone_masked: mask_phone(&user.phone),
        display_name: user.display_name.clone(),
        role: user.role,
        organisation_id: user.organisation_id,
        town_id: user.town_id,
        unread_messages: 0,
    }
}

fn truncate(text: Option<String>, max: usize) -> Option<String> {
    text.map(|t| t.chars().take(max).collect())
}

pub(crate) async fn start_session(
    db: &impl ConnectionTrait,
    user: &users::Model,
    client: &Client,
) -> DomainResult<NewSession> {
    if let Some(before) = client.session_id {
        sessions::Entity::delete_by_id(before).exec(db).await?;
    }
    let token = new_token();
    let now = Utc::now();
    let expires_at = now + ABSOLUTE_TIMEOUT;
    let session = sessions::ActiveModel {
        token_hash: Set(hash_token(&token)),
        user_id: Set(user.id),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(expires_at),
        ip: Set(truncate(client.ip.clone(), 64)),
        user_agent: Set(truncate(client.user_agent.clone(), 256)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(NewSession {
        token,
        user: AuthUser::of(user, session.id),
        expires_at,
    })
}

pub(crate) fn actor_for(user: &AuthUser, client: &Client) -> Actor {
    Actor {
        user: Some(user.clone()),
        ip: client.ip.clone(),
        ..Actor::default()
    }
}

/// Creates a trainee account and signs it in.
pub async fn sign_up(
    svc: &Services,
    input: SignUpInput,
    client: &Client,
) -> DomainResult<NewSession> {
    DomainError::check(input.validate())?;
    let phone = normalise_phone(&input.phone);
    let db = &svc.db;
    if users::Entity::find()
        .filter(users::Column::Phone.eq(&phone))
        .one(db)
        .await?
        .is_some()
    {
        return Err(DomainError::field("phone", Msg::ErrPhoneTaken));
    }
    let hash = svc.passwords.hash(&input.password).await?;
    let txn = begin_write(db).await?;
    let now = Utc::now();
    let inserted = users::ActiveModel {
        phone: Set(phone.clone()),
        password_hash: Set(hash),
        role: Set(Role::Trainee.into()),
        status: Set(UserStatus::Active.into()),
        created_at: Set(now),
        last_login_at: Set(Some(now)),
        password_changed_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await;
    let user = match inserted {
        Ok(user) => user,
        // Two sign-ups with one number at once: the database's unique index decides.
        Err(e) if is_unique_violation(&e) => {
            return Err(DomainError::field("phone", Msg::ErrPhoneTaken));
        }
        Err(e) => return Err(e.into()),
    };
    let session = start_session(&txn, &user, client).await?;
    let event = Event {
        action: AuditAction::UserSignedUp,
        entity: AuditRecord::User,
        entity_id: Some(user.id.to_string()),
        detail: None,
    };
    audit::record(&txn, &actor_for(&session.user, client), event).await?;
    txn.commit().await?;
    Ok(session)
}

/// Checks the phone and password and opens a new session (a fresh token at every login).
/// Unknown numbers and wrong passwords get the same answer and take the same time.
pub async fn log_in(
    svc: &Services,
    input: LogInInput,
    client: &Client,
) -> DomainResult<NewSession> {
    let phone = normalise_phone(&input.phone);
    let mut errors = Vec::new();
    if !phone_is_valid(&phone) {
        errors.push(model::FieldError {
            field: "phone".into(),
            message: Msg::ErrPhoneFormat,
        });
    }
    if input.password.is_empty() {
        errors.push(model::FieldError {
            field: "password".into(),
            message: Msg::ErrBadCredentials,
        });
    }
    DomainError::check(errors)?;
    let ip = client.ip.as_deref();
    if let Some(minutes) = svc.throttle.locked_for(&phone, ip) {
        return Err(DomainError::RateLimited { minutes });
    }
    let db = &svc.db;
    let user = users::Entity::find()
        .filter(users::Column::Phone.eq(&phone))
        .one(db)
        .await?;
    // Over-long input is never a valid password; do not spend a hash on it.
    let plausible =
        (PASSWORD_MIN_CHARS..=PASSWORD_MAX_CHARS).contains(&input.password.chars().count());
    let ok = svc
        .passwords
        .verify(
            &input.password,
            user.as_ref()
                .filter(|_| plausible)
                .map(|u| u.password_hash.as_str()),
        )
        .await?;
    let user = match user {
        Some(user) if ok => user,
        _ => {
            svc.throttle.record_failure(&phone, ip);
            return Err(DomainError::Conflict(Msg::ErrBadCredentials));
        }
    };
    if user.status != UserStatus::Active {
        return Err(DomainError::Conflict(Msg::ErrAccountDisabled));
    }
    svc.throttle.record_success(&phone);
    let txn = begin_write(db).await?;
    let session = start_session(&txn, &user, client).await?;
    let mut active: users::ActiveModel = user.into();
    active.last_login_at = Set(Some(Utc::now()));
    active.update(&txn).await?;
    txn.commit().await?;
    Ok(session)
}

/// Ends the actor's current session.
pub async fn log_out(db: &DatabaseConnection, actor: &Actor) -> DomainResult<()> {
    if let Some(user) = &actor.user {
        sessions::Entity::delete_by_id(user.session_id)
            .exec(db)
            .await?;
    }
    Ok(())
}

/// The result of looking up a session token.
#[derive(Debug)]
pub enum SessionLookup {
    Valid(AuthUser),
    /// The token was once valid but has expired (or was ended).
    Expired,
}

/// Resolves a token to its user, refreshing `last_seen_at`; expired sessions are deleted.
pub async fn resolve_session(db: &DatabaseConnection, token: &str) -> DomainResult<SessionLookup> {
    let now = Utc::now();
    let found = sessions::Entity::find()
        .filter(sessions::Column::TokenHash.eq(hash_token(token)))
        .find_also_related(users::Entity)
        .one(db)
        .await?;
    let Some((session, Some(user))) = found else {
        return Ok(SessionLookup::Expired);
    };
    if session.expires_at <= now
        || session.last_seen_at + IDLE_TIMEOUT <= now
        || user.status != UserStatus::Active
    {
        sessions::Entity::delete_by_id(session.id).exec(db).await?;
        return Ok(SessionLookup::Expired);
    }
    if session.last_seen_at + LAST_SEEN_RESOLUTION <= now {
        sessions::Entity::update_many()
            .col_expr(
                sessions::Column::LastSeenAt,
                sea_orm::sea_query::Expr::value(now),
            )
            .filter(sessions::Column::Id.eq(session.id))
            .exec(db)
            .await?;
    }
    Ok(SessionLookup::Valid(AuthUser::of(&user, session.id)))
}

/// Removes sessions past either expiry; run periodically by the server.
pub async fn purge_expired_sessions(db: &DatabaseConnection) -> DomainResult<u64> {
    let now = Utc::now();
    let result = sessions::Entity::delete_many()
        .filter(
            sea_orm::Condition::any()
                .add(sessions::Column::ExpiresAt.lte(now))
                .add(sessions::Column::LastSeenAt.lte(now - IDLE_TIMEOUT)),
        )
        .exec(db)
        .await?;
    Ok(result.rows_affected)
}

/// Changes the actor's password after checking the current one, and ends their other
/// sessions (a stolen session does not survive a password change).
pub async fn change_password(
    svc: &Services,
    actor: &Actor,
    input: ChangePasswordInput,
) -> DomainResult<()> {
    policy::authorize(actor, Operation::ChangeOwnPassword)?;
    let me = actor.user.as_ref().ok_or(DomainError::Unauthenticated)?;
    DomainError::check(input.validate())?;
    let db = &svc.db;
    let user = users::Entity::find_by_id(me.id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    if !svc
        .passwords
        .verify(&input.current_password, Some(&user.password_hash))
        .await?
    {
        svc.throttle
            .record_failure(&user.phone, actor.ip.as_deref());
        return Err(DomainError::field(
            "current_password",
            Msg::ErrCurrentPasswordWrong,
        ));
    }
    let hash = svc.passwords.hash(&input.new_password).await?;
    let txn = begin_write(db).await?;
    let mut active: users::ActiveModel = user.into();
    active.password_hash = Set(hash);
    active.password_changed_at = Set(Utc::now());
    active.update(&txn).await?;
    sessions::Entity::delete_many()
        .filter(sessions::Column::UserId.eq(me.id))
        .filter(sessions::Column::Id.ne(me.session_id))
        .exec(&txn)
        .await?;
    let event = Event {
        action: AuditAction::UserPasswordChanged,
        entity: AuditRecord::User,
        entity_id: Some(me.id.to_string()),
        detail: None,
    };
    audit::record(&txn, actor, event).await?;
    txn.commit().await?;
    Ok(())
}

/// `create-admin`: makes a bureau admin with this phone, or promotes the existing account and
/// sets its password. Returns the user id and whether the account is new.
pub async fn create_admin(
    svc: &Services,
    phone: &str,
    password: &str,
) -> DomainResult<(i32, bool)> {
    let phone = normalise_phone(phone);
    let mut errors = Vec::new();
    if !phone_is_valid(&phone) {
        errors.push(model::FieldError {
            field: "phone".into(),
            message: Msg::ErrPhoneFormat,
        });
    }
    let input = ChangePasswordInput {
        current_password: String::new(),
        new_password: password.to_string(),
        new_password_confirm: password.to_string(),
    };
    errors.extend(input.validate().into_iter().map(|mut e| {
        e.field = "password".into();
        e
    }));
    DomainError::check(errors)?;
    let hash = svc.passwords.hash(password).await?;
    let db = &svc.db;
    let txn = begin_write(db).await?;
    let now = Utc::now();
    let existing = users::Entity::find()
        .filter(users::Column::Phone.eq(&phone))
        .one(&txn)
        .await?;
    let (user, created) = match existing {
        Some(user) => {
            let mut active: users::ActiveModel = user.into();
            active.role = Set(Role::BureauAdmin.into());
            active.status = Set(UserStatus::Active.into());
            active.password_hash = Set(hash);
            active.password_changed_at = Set(now);
            (active.update(&txn).await?, false)
        }
        None => {
            let user = users::ActiveModel {
                phone: Set(phone),
                password_hash: Set(hash),
                role: Set(Role::BureauAdmin.into()),
                status: Set(UserStatus::Active.into()),
                created_at: Set(now),
                password_changed_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            (user, true)
        }
    };
    let event = Event {
        action: AuditAction::UserAdminCreated,
        entity: AuditRecord::User,
        entity_id: Some(user.id.to_string()),
        detail: Some(serde_json::json!({ "via": "cli", "new_account": created })),
    };
    audit::record(&txn, &Actor::anonymous(), event).await?;
    txn.commit().await?;
    Ok((user.id, created))
}

use crate::local_time::format_time;

/// Users for the administration page, newest first, optionally filtered by part of a phone
/// number. `page` counts from 1.
pub async fn list_users(
    db: &DatabaseConnection,
    actor: &Actor,
    query: &str,
    page: u64,
) -> DomainResult<UserPage> {
    policy::authorize(actor, Operation::ListUsers)?;
    let digits: String = query
        .chars()
        .filter(char::is_ascii_digit)
        .take(11)
        .collect();
    let mut select = users::Entity::find().order_by_desc(users::Column::Id);
    if !digits.is_empty() {
        select = select.filter(users::Column::Phone.contains(&digits));
    }
    let paginator = select.paginate(db, USERS_PER_PAGE);
    let total = paginator.num_items().await?;
    let page = super::page_number(page);
    let rows = paginator
        .fetch_page(page - 1)
        .await?
        .into_iter()
        .map(|u| UserRow {
            id: u.id,
            phone: u.phone,
            role: *u.role,
            town_id: u.town_id,
            runs_selections: u.runs_selections,
            created_at: format_time(u.created_at),
            last_login_at: u.last_login_at.map(format_time),
        })
        .collect();
    Ok(UserPage {
        rows,
        towns: crate::catalogue::town_options(db).await?,
        total,
        page,
        per_page: USERS_PER_PAGE,
    })
}

/// Gives a user another role. The last active bureau admin cannot be demoted, so the
/// programme is never left without one. The user's sessions end, so the new role applies
/// from their next login.
pub async fn change_role(
    db: &DatabaseConnection,
    actor: &Actor,
    user_id: i32,
    role: Role,
) -> DomainResult<()> {
    policy::authorize(actor, Operation::ChangeUserRole)?;
    let txn = begin_write(db).await?;
    let user = users::Entity::find_by_id(user_id)
        .one(&txn)
        .await?
        .ok_or(DomainError::NotFound)?;
    let old = user.role;
    if old == role {
        return Ok(());
    }
    if old == Role::BureauAdmin {
        let admins = users::Entity::find()
            .filter(users::Column::Role.eq(Role::BureauAdmin.as_str()))
            .filter(users::Column::Status.eq(UserStatus::Active.as_str()))
            .count(&txn)
            .await?;
        if admins <= 1 {
            return Err(DomainError::Conflict(Msg::ErrLastAdmin));
        }
    }
    let mut active: users::ActiveModel = user.into();
    active.role = Set(role.into());
    // The right to run selections belongs to a viewer account; a new role starts without it.
    active.runs_selections = Set(false);
    active.update(&txn).await?;
    sessions::Entity::delete_many()
        .filter(sessions::Column::UserId.eq(user_id))
        .exec(&txn)
        .await?;
    let event = Event {
        action: AuditAction::UserRoleChanged,
        entity: AuditRecord::User,
        entity_id: Some(user_id.to_string()),
        detail: Some(serde_json::json!({ "from": old.as_str(), "to": role.as_str() })),
    };
    audit::record(&txn, actor, event).await?;
    txn.commit().await?;
    Ok(())
}

/// Limits a bureau viewer to one town (`Some`) or lets them see the whole city (`None`).
/// Only viewers are limited; the change applies from their next request.
pub async fn set_viewer_town(
    db: &DatabaseConnection,
    actor: &Actor,
    user_id: i32,
    town_id: Option<i32>,
) -> DomainResult<()> {
    policy::authorize(actor, Operation::SetViewerTown)?;
    let txn = begin_write(db).await?;
    let user = users::Entity::find_by_id(user_id)
        .one(&txn)
        .await?
        .ok_or(DomainError::NotFound)?;
    if user.role != Role::BureauViewer {
        return Err(DomainError::Conflict(Msg::ErrTownOnlyForViewers));
    }
    if town_id.is_some() && user.runs_selections {
        return Err(DomainError::Conflict(Msg::ErrTownWithSelectionRight));
    }
    if let Some(town) = town_id
        && crate::entities::towns::Entity::find_by_id(town)
            .one(&txn)
            .await?
            .is_none()
    {
        return Err(DomainError::field("town", Msg::ErrChoose));
    }
    let old = user.town_id;
    if old == town_id {
        return Ok(());
    }
    let mut active: users::ActiveModel = user.into();
    active.town_id = Set(town_id);
    active.update(&txn).await?;
    let event = Event {
        action: AuditAction::UserTownChanged,
        entity: AuditRecord::User,
        entity_id: Some(user_id.to_string()),
        detail: Some(serde_json::json!({ "from": old, "to": town_id })),
    };
    audit::record(&txn, actor, event).await?;
    txn.commit().await?;
    Ok(())
}

/// Gives a city-wide bureau viewer (the commerce bureau) the right to run honour selections,
/// or takes it back. Applies from their next request; audited.
pub async fn set_selection_right(
    db: &DatabaseConnection,
    actor: &Actor,
    user_id: i32,
    runs_selections: bool,
) -> DomainResult<()> {
    policy::authorize(actor, Operation::GrantSelectionRight)?;
    let txn = begin_write(db).await?;
    let user = users::Entity::find_by_id(user_id)
        .one(&txn)
        .await?
        .ok_or(DomainError::NotFound)?;
    if user.runs_selections == runs_selections {
        return Ok(());
    }
    if runs_selections {
        if user.role != Role::BureauViewer {
            return Err(DomainError::Conflict(Msg::ErrRightOnlyForViewers));
        }
        if user.town_id.is_some() {
            return Err(DomainError::Conflict(Msg::ErrRightCityWideOnly));
        }
    }
    let mut active: users::ActiveModel = user.into();
    active.runs_selections = Set(runs_selections);
    active.update(&txn).await?;
    let event = Event {
        action: if runs_selections {
            AuditAction::UserSelectionRightGranted
        } else {
            AuditAction::UserSelectionRightRevoked
        },
        entity: AuditRecord::User,
        entity_id: Some(user_id.to_string()),
        detail: None,
    };
    audit::record(&txn, actor, event).await?;
    txn.commit().await?;
    Ok(())
}

/// The password hash of an account that has none yet (imported people): no password
/// verifies against it, so it cannot be logged in to until activated.
pub const NO_PASSWORD: &str = "!unset";

/// Sets the first password of an imported account with the activation code its provider
/// printed, and signs it in. Wrong answers (phone, code, expired, already activated) all get
/// the same message and count towards the login throttle on the phone; the code is spent in
/// the same transaction as the password is set.
pub async fn activate(
    svc: &Services,
    input: ActivateInput,
    client: &Client,
) -> DomainResult<NewSession> {
    DomainError::check(input.validate())?;
    let phone = normalise_phone(&input.phone);
    let code = model::accounts::normalise_activation_code(&input.code).unwrap_or_default();
    let ip = client.ip.as_deref();
    if let Some(minutes) = svc.throttle.locked_for(&phone, ip) {
        return Err(DomainError::RateLimited { minutes });
    }
    let db = &svc.db;
    let found = users::Entity::find()
        .filter(users::Column::Phone.eq(&phone))
        .filter(users::Column::PasswordHash.eq(NO_PASSWORD))
        .one(db)
        .await?;
    let mismatch = || {
        svc.throttle.record_failure(&phone, ip);
        DomainError::Conflict(Msg::ErrActivateMismatch)
    };
    let Some(user) = found else {
        return Err(mismatch());
    };
    if !crate::activation::is_live(db, &svc.keys, user.id, &code).await? {
        return Err(mismatch());
    }
    if user.status != UserStatus::Active {
        return Err(DomainError::Conflict(Msg::ErrAccountDisabled));
    }
    svc.throttle.record_success(&phone);
    let password_hash = svc.passwords.hash(&input.password).await?;
    let txn = begin_write(db).await?;
    let now = Utc::now();
    // Only while it still has no password: two activations at once, one wins.
    let set = users::Entity::update_many()
        .col_expr(
            users::Column::PasswordHash,
            sea_orm::sea_query::Expr::value(password_hash),
        )
        .col_expr(
            users::Column::PasswordChangedAt,
            sea_orm::sea_query::Expr::value(now),
        )
        .col_expr(
            users::Column::LastLoginAt,
            sea_orm::sea_query::Expr::value(Some(now)),
        )
        .filter(users::Column::Id.eq(user.id))
        .filter(users::Column::PasswordHash.eq(NO_PASSWORD))
        .exec(&txn)
        .await?
        .rows_affected;
    if set != 1 {
        return Err(DomainError::Conflict(Msg::ErrActivateMismatch));
    }
    // Spent with the password set: two activations with one code, one wins.
    if !crate::activation::redeem(&txn, &svc.keys, user.id, &code).await? {
        return Err(DomainError::Conflict(Msg::ErrActivateMismatch));
    }
    let session = start_session(&txn, &user, client).await?;
    let event = Event {
        action: AuditAction::UserActivated,
        entity: AuditRecord::User,
        entity_id: Some(user.id.to_string()),
        detail: None,
    };
    audit::record(&txn, &actor_for(&session.user, client), event).await?;
    txn.commit().await?;
    Ok(session)
}

/// An account made by the system rather than by sign-up: seeds, tests, imports.
pub struct NewUser<'a> {
    pub phone: &'a str,
    pub role: Role,
    pub display_name: Option<&'a str>,
    pub organisation_id: Option<i32>,
    pub town_id: Option<i32>,
}

/// Inserts an account with an already computed password hash (so a seed of thousands of
/// accounts hashes the demo password once).
pub async fn insert_user(
    db: &impl ConnectionTrait,
    user: NewUser<'_>,
    password_hash: &str,
) -> DomainResult<users::Model> {
    let phone = normalise_phone(user.phone);
    if !phone_is_valid(&phone) {
        return Err(DomainError::field("phone", Msg::ErrPhoneFormat));
    }
    let now = Utc::now();
    let inserted = users::ActiveModel {
        phone: Set(phone),
        password_hash: Set(password_hash.to_string()),
        display_name: Set(user.display_name.map(str::to_string)),
        role: Set(user.role.into()),
        organisation_id: Set(user.organisation_id),
        town_id: Set(user.town_id),
        status: Set(UserStatus::Active.into()),
        created_at: Set(now),
        password_changed_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await;
    match inserted {
        Ok(user) => Ok(user),
        Err(e) if is_unique_violation(&e) => Err(DomainError::field("phone", Msg::ErrPhoneTaken)),
        Err(e) => Err(e.into()),
    }
}

/// Opens a session for an existing user without a password (tests and tools that already
/// hold the user), exactly as a login would.
pub async fn open_session(
    db: &impl ConnectionTrait,
    user: &users::Model,
    client: &Client,
) -> DomainResult<NewSession> {
    start_session(db, user, client).await
}
