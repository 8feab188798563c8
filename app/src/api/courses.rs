use leptos::prelude::*;
use model::AppError;
use model::courses::{CourseRecord, ManagedCoursePage, NewCourseContext};

/// The course management list.
#[server(endpoint = "courses/list")]
pub async fn list_managed_courses(
    status: String,
    q: String,
    page: u64,
) -> Result<ManagedCoursePage, AppError> {
    use crate::api::context::{actor, services};
    use model::enums::CourseStatus;
    let svc = services()?;
    let status = CourseStatus::parse(&status);
    Ok(domain::courses::list(&svc.db, &actor(), status, &q, page).await?)
}

/// One course for its management page.
#[server(endpoint = "courses/record")]
pub async fn get_course_record(id: i32) -> Result<CourseRecord, AppError> {
    use crate::api::context::{actor, services};
    let svc = services()?;
    Ok(domain::courses::record(&svc.db, &actor(), id).await?)
}

/// What the new-course form needs when the user may create a course now, else why not.
#[server(endpoint = "courses/may_create")]
pub async fn may_create_course() -> Result<NewCourseContext, AppError> {
    use crate::api::context::{actor, services};
    let svc = services()?;
    Ok(domain::courses::new_course_context(&svc.db, &actor()).await?)
}
