use leptos::prelude::*;
use model::AppError;
use model::dashboard::{Dashboard, DashboardQuery, FigurePeople, TargetList};

/// The KPI dashboard for the filters as typed in the URL.
#[server(endpoint = "dashboard/get", input = server_fn::codec::Json)]
pub async fn get_dashboard(query: DashboardQuery) -> Result<Dashboard, AppError> {
    use crate::api::context::{actor, services};
    let svc = services()?;
    Ok(domain::dashboard::dashboard(&svc.db, &actor(), &query).await?)
}

/// A page of the people behind one figure.
#[server(endpoint = "dashboard/people", input = server_fn::codec::Json)]
pub async fn get_figure_people(
    query: DashboardQuery,
    figure: String,
    page: Option<u64>,
) -> Result<FigurePeople, AppError> {
    use crate::api::context::{actor, services};
    let svc = services()?;
    Ok(domain::dashboard::people(&svc.db, &actor(), &query, &figure, page).await?)
}

/// A year's targets with their progress (`year` as typed; empty for this year).
#[server(endpoint = "dashboard/targets")]
pub async fn get_targets(year: String) -> Result<TargetList, AppError> {
    use crate::api::context::{actor, services};
    let svc = services()?;
    let year = domain::targets::year_param(&year)?;
    Ok(domain::targets::list(&svc.db, &actor(), year).await?)
}
