//! Trainee imports from the pages: the upload (multipart), apply (in the background, the page
//! shows progress), discard, and the template download.

use super::{back_with, done, download_or_back, login_redirect};
use crate::AppState;
use crate::middleware::Ids;
use axum::Extension;
use axum::extract::{Multipart, State};
use axum::response::{IntoResponse, Redirect, Response};
use domain::sheets::MAX_UPLOAD_BYTES;
use domain::{Actor, DomainError, imports};
use model::i18n::{Locale, Msg};

/// What an upload form sent.
pub struct Upload {
    pub course: Option<i32>,
    pub file_name: String,
    pub bytes: Vec<u8>,
    /// The file was larger than the limit (the rest was read and dropped).
    pub too_large: bool,
}

/// Reads the `course` and `file` fields, keeping at most the upload limit of the file.
pub async fn read_upload(mut form: Multipart) -> Result<Upload, DomainError> {
    let unreadable = || DomainError::field("file", Msg::ErrNotASpreadsheet);
    let mut upload = Upload {
        course: None,
        file_name: String::new(),
        bytes: Vec::new(),
        too_large: false,
    };
    while let Some(mut field) = form.next_field().await.map_err(|_| unreadable())? {
        match field.name() {
            Some("course") => {
                let text = field.text().await.map_err(|_| unreadable())?;
                upload.course = text.trim().parse().ok();
            }
            Some("file") => {
                upload.file_name = field.file_name().unwrap_or_default().to_string();
                while let Some(chunk) = field.chunk().await.map_err(|_| unreadable())? {
                    if upload.bytes.len() + chunk.len() > MAX_UPLOAD_BYTES {
                        upload.too_large = true;
                    }
                    if !upload.too_large {
                        upload.bytes.extend_from_slice(&chunk);
                    }
                }
            }
            _ => {}
        }
    }
    if upload.too_large {
        upload.bytes = Vec::new();
    }
    Ok(upload)
}

/// `POST /manage/imports` (multipart: `course`, `file`)
pub async fn upload(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    form: Multipart,
) -> Response {
    let here = "/manage/imports";
    let upload = match read_upload(form).await {
        Ok(u) => u,
        Err(e) => return back_with(here, &[], e),
    };
    let keep = [(
        "course".to_string(),
        upload.course.map(|c| c.to_string()).unwrap_or_default(),
    )];
    if upload.too_large {
        return back_with(
            here,
            &keep,
            DomainError::field("file", Msg::ErrFileTooLarge),
        );
    }
    match imports::preview(
        &state.services,
        &actor,
        upload.course,
        &upload.file_name,
        &upload.bytes,
    )
    .await
    {
        Ok(id) => Redirect::to(&format!("/manage/imports/{id}")).into_response(),
        Err(e) => back_with(here, &keep, e),
    }
}

/// `POST /manage/imports/{id}/apply`: claims the import and applies it in the background;
/// its page shows the progress and then the result.
pub async fn apply(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
) -> Response {
    let here = format!("/manage/imports/{id}");
    if let Err(e) = imports::begin_apply(&state.services.db, &actor, id).await {
        return back_with(&here, &[], e);
    }
    let services = state.services.clone();
    tokio::spawn(async move {
        if let Err(e) = imports::apply(&services, &actor, id).await {
            tracing::info!(import = id, error = %e, "import not applied");
        }
    });
    Redirect::to(&here).into_response()
}

/// `POST /manage/imports/{id}/discard`
pub async fn discard(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
) -> Response {
    match imports::discard(&state.services.db, &actor, id).await {
        Ok(()) => done("/manage/imports", Msg::NoticeImportDiscarded),
        Err(e) => back_with(&format!("/manage/imports/{id}"), &[], e),
    }
}

/// `GET /manage/imports/template.xlsx`
pub async fn template(
    Extension(actor): Extension<Actor>,
    Extension(locale): Extension<Locale>,
) -> Response {
    if actor.user.is_none() {
        return login_redirect("/manage/imports");
    }
    download_or_back(imports::template(locale), "/manage/imports")
}
