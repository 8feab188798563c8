//! `/api/v1` for certificates: a course's list, issuing, letting the provider issue,
//! revocation, reissue and downloads (staff), a trainee's own, and the public verification
//! (the signed record by code, a search by number and name, the issuer's public key).

use super::{ApiResult, Body, Done, ErrorBody, File};
use crate::AppState;
use crate::middleware::Ids;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::{Extension, Json};
use domain::{Actor, DomainError, certificates};
use model::certificates::{
    CourseCertificates, DelegateInput, IssueResult, Issuer, MyCertificate, PublicCertificate,
    ReasonInput, SignedCertificate, Verification,
};
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(issuer))
        .routes(routes!(search))
        .routes(routes!(signed))
        .routes(routes!(list, issue))
        .routes(routes!(zip))
        .routes(routes!(provider))
        .routes(routes!(pdf))
        .routes(routes!(revoke))
        .routes(routes!(reissue))
        .routes(routes!(mine))
}

/// Who signs certificates, and the Ed25519 public key that checks every signature.
#[utoipa::path(get, path = "/api/v1/issuer", responses((status = 200, body = Issuer)))]
pub async fn issuer(State(state): State<AppState>) -> Json<Issuer> {
    Json(certificates::issuer(&state.services))
}

/// A certificate by its verification code: status, the signed payload and the signature.
/// Anyone may ask; the code (160 random bits) is printed on the certificate only.
#[utoipa::path(get, path = "/api/v1/certificates/{code}", params(("code" = String, Path)), responses(
    (status = 200, body = SignedCertificate), (status = 404, description = "no certificate has this code", body = ErrorBody),
))]
pub async fn signed(
    State(state): State<AppState>,
    axum::extract::Path(code): axum::extract::Path<String>,
) -> ApiResult<Json<SignedCertificate>> {
    let c = certificates::signed(&state.services, &code)
        .await?
        .ok_or(DomainError::NotFound)?;
    Ok(Json(c))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// The certificate number, e.g. `YZ-2026-000123`.
    #[serde(default)]
    number: String,
    /// The holder's full name.
    #[serde(default)]
    name: String,
}

/// Looks a certificate up by number and the holder's full name (public, rate-limited per
/// address). A wrong number and a wrong name both give 404.
#[utoipa::path(get, path = "/api/v1/certificates", params(SearchQuery), responses(
    (status = 200, body = PublicCertificate), (status = 404, body = ErrorBody),
    (status = 422, body = ErrorBody), (status = 429, body = ErrorBody),
))]
pub async fn search(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Query(q): Query<SearchQuery>,
) -> ApiResult<Json<PublicCertificate>> {
    match certificates::search(&state.services, actor.ip.as_deref(), &q.number, &q.name).await? {
        Verification::Found(c) => Ok(Json(*c)),
        _ => Err(DomainError::NotFound.into()),
    }
}

/// A course's certificates and how many completed trainees still wait for one.
#[utoipa::path(get, path = "/api/v1/courses/{id}/certificates", params(("id" = i32, Path)), responses(
    (status = 200, body = CourseCertificates), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn list(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
) -> ApiResult<Json<CourseCertificates>> {
    Ok(Json(
        certificates::course_certificates(&state.services, &actor, id).await?,
    ))
}

/// Issues a certificate to every completed trainee of the course who has none (each exactly
/// once), and answers when all are issued.
#[utoipa::path(post, path = "/api/v1/courses/{id}/certificates", params(("id" = i32, Path)), responses(
    (status = 200, body = IssueResult), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
    (status = 409, description = "nobody completed, everyone already has one, or the provider may not issue", body = ErrorBody),
), security(("bearer" = [])))]
pub async fn issue(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
) -> ApiResult<Json<IssueResult>> {
    Ok(Json(
        certificates::issue_for_course(&state.services, &actor, id).await?,
    ))
}

/// Lets the course's provider issue its certificates, or stops it (bureau admins).
#[utoipa::path(put, path = "/api/v1/courses/{id}/certificates/provider", params(("id" = i32, Path)), request_body = DelegateInput, responses(
    (status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn provider(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
    Body(input): Body<DelegateInput>,
) -> ApiResult<Done> {
    certificates::set_provider_issues(&state.services.db, &actor, id, input.provider_issues)
        .await?;
    Ok(Done)
}

/// All of a course's certificates as PDFs in one .zip.
#[utoipa::path(get, path = "/api/v1/courses/{id}/certificates/zip", params(("id" = i32, Path)), responses(
    (status = 200, content_type = "application/zip", description = "the PDFs"), (status = 403, body = ErrorBody),
    (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn zip(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
) -> ApiResult<File> {
    Ok(File(
        certificates::course_zip(&state.services, &actor, id).await?,
    ))
}

/// One certificate as a PDF (its holder, the course's staff, the bureau).
#[utoipa::path(get, path = "/api/v1/issued-certificates/{id}/pdf", params(("id" = i32, Path)), responses(
    (status = 200, content_type = "application/pdf", description = "the certificate"), (status = 401, body = ErrorBody),
    (status = 404, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn pdf(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
) -> ApiResult<File> {
    Ok(File(certificates::pdf(&state.services, &actor, id).await?))
}

/// Revokes a certificate with a reason (bureau admins); it stays, shown as revoked.
#[utoipa::path(post, path = "/api/v1/issued-certificates/{id}/revoke", params(("id" = i32, Path)), request_body = ReasonInput, responses(
    (status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
    (status = 409, description = "already revoked", body = ErrorBody), (status = 422, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn revoke(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
    Body(input): Body<ReasonInput>,
) -> ApiResult<Done> {
    certificates::revoke(&state.services.db, &actor, id, &input.reason).await?;
    Ok(Done)
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct Reissued {
    /// The new certificate's id.
    id: i32,
}

/// Issues a new certificate in place of this one (bureau admins); this one is revoked.
#[utoipa::path(post, path = "/api/v1/issued-certificates/{id}/reissue", params(("id" = i32, Path)), request_body = ReasonInput, responses(
    (status = 201, body = Reissued), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
    (status = 409, description = "already replaced", body = ErrorBody), (status = 422, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn reissue(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
    Body(input): Body<ReasonInput>,
) -> ApiResult<(StatusCode, Json<Reissued>)> {
    let id = certificates::reissue(&state.services, &actor, id, &input.reason).await?;
    Ok((StatusCode::CREATED, Json(Reissued { id })))
}

/// The signed-in trainee's certificates.
#[utoipa::path(get, path = "/api/v1/me/certificates", responses(
    (status = 200, body = Vec<MyCertificate>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn mine(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
) -> ApiResult<Json<Vec<MyCertificate>>> {
    Ok(Json(certificates::mine(&state.services.db, &actor).await?))
}
