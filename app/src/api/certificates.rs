use leptos::prelude::*;
use model::AppError;
use model::certificates::{CourseCertificates, MyCertificate, Verification};

/// A course's certificates and what the viewer may do with them.
#[server(endpoint = "certificates/course")]
pub async fn get_course_certificates(course_id: i32) -> Result<CourseCertificates, AppError> {
    use crate::api::context::{actor, services};
    let svc = services()?;
    Ok(domain::certificates::course_certificates(&svc, &actor(), course_id).await?)
}

/// The public verification of a code.
#[server(endpoint = "certificates/verify")]
pub async fn verify_certificate(code: String) -> Result<Verification, AppError> {
    use crate::api::context::services;
    let svc = services()?;
    Ok(domain::certificates::verify(&svc.db, &code).await?)
}

/// The public search by number and name (rate-limited per address).
#[server(endpoint = "certificates/search")]
pub async fn search_certificate(number: String, name: String) -> Result<Verification, AppError> {
    use crate::api::context::{actor, services};
    let svc = services()?;
    let actor = actor();
    Ok(domain::certificates::search(&svc, actor.ip.as_deref(), &number, &name).await?)
}

/// The signed-in trainee's certificates.
#[server(endpoint = "certificates/mine")]
pub async fn my_certificates() -> Result<Vec<MyCertificate>, AppError> {
    use crate::api::context::{actor, services};
    let svc = services()?;
    Ok(domain::certificates::mine(&svc.db, &actor()).await?)
}
