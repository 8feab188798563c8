//! Form values kept across the redirect back to a form that has messages (a "flash"). The
//! values people typed (names, ID numbers, villages, long descriptions) never go into the URL,
//! where they would stay in the browser's history and in proxy and server logs, and where a
//! long form made URLs of 20,000 characters that proxies refuse. Instead they are sealed with
//! the installation's key, stored for [`LIFETIME`], and found again by a random token that
//! only the browser that sent them holds (in an HttpOnly cookie). They are read once, by the
//! page they belong to, and then deleted; expired ones are deleted as new ones arrive.

use crate::accounts::{hash_token, new_token};
use crate::entities::form_flashes;
use crate::identity::{open_sealed, seal};
use crate::keys::SecretKey;
use crate::{DomainError, DomainResult};
use chrono::{Duration, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

/// The cookie that holds the token.
pub const COOKIE: &str = "yucai_form";

/// How long the values wait for their page (the redirect follows at once; this only bounds
/// how long they are kept when it never comes).
pub const LIFETIME: Duration = Duration::minutes(10);

const PURPOSE: &str = "form-flash";
/// The longest path kept (longer ones are cut; they then match no page, which only loses the
/// values).
const PATH_MAX: usize = 512;
/// Values beyond this many characters in all are not kept (the request body limit bounds
/// them anyway).
const TOTAL_MAX: usize = 256 * 1024;

/// The path part of a page address (`/profile?next=/x#a` → `/profile`).
pub fn page_path(to: &str) -> &str {
    let end = to.find(['?', '#']).unwrap_or(to.len());
    &to[..end]
}

/// Keeps `values` for the page at `path`; the token to give the browser.
pub async fn keep(
    db: &impl ConnectionTrait,
    keys: &SecretKey,
    path: &str,
    values: &[(String, String)],
) -> DomainResult<String> {
    let now = Utc::now();
    form_flashes::Entity::delete_many()
        .filter(form_flashes::Column::ExpiresAt.lt(now))
        .exec(db)
        .await?;
    let mut total = 0;
    let kept: Vec<&(String, String)> = values
        .iter()
        .take_while(|(k, v)| {
            total += k.len() + v.len();
            total <= TOTAL_MAX
        })
        .collect();
    let json =
        serde_json::to_vec(&kept).map_err(|e| DomainError::Internal(format!("form flash: {e}")))?;
    let token = new_token();
    let path: String = page_path(path).chars().take(PATH_MAX).collect();
    form_flashes::ActiveModel {
        token_hash: Set(hash_token(&token)),
        path: Set(path),
        payload: Set(seal(keys, PURPOSE, &json)),
        expires_at: Set(now + LIFETIME),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// The values kept under `token` for the page at `path`, deleted as they are read. `None` when
/// there are none: an unknown or expired token, or values that belong to another page (left
/// for that page until they expire).
pub async fn take(
    db: &impl ConnectionTrait,
    keys: &SecretKey,
    token: &str,
    path: &str,
) -> DomainResult<Option<Vec<(String, String)>>> {
    let Some(row) = form_flashes::Entity::find()
        .filter(form_flashes::Column::TokenHash.eq(hash_token(token)))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    if row.path != page_path(path) {
        return Ok(None);
    }
    form_flashes::Entity::delete_by_id(row.id).exec(db).await?;
    if row.expires_at < Utc::now() {
        return Ok(None);
    }
    let plain = open_sealed(keys, PURPOSE, &row.payload)?;
    serde_json::from_slice(&plain)
        .map(Some)
        .map_err(|e| DomainError::Internal(format!("form flash: {e}")))
}

#[cfg(test)]
mod tests {
    use super::page_path;

    #[test]
    fn the_page_is_the_path_without_query_or_fragment() {
        assert_eq!(page_path("/profile?next=/x#a"), "/profile");
        assert_eq!(page_path("/manage/courses/3#sessions"), "/manage/courses/3");
        assert_eq!(page_path("/"), "/");
    }
}
