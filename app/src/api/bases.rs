use crate::model::AppError;
use crate::model::bases::{BaseKpiList, BaseReport};
use leptos::prelude::*;

/// Every base's KPIs for a year (`year` as typed in the query; empty for the current year).
#[server(endpoint = "bases/kpis")]
pub async fn get_base_kpis(year: String) -> Result<BaseKpiList, AppError> {
    use crate::api::context::{actor, services};
    let svc = services()?;
    let year = crate::domain::bases::year_param(&year)?;
    Ok(crate::domain::bases::list(&svc.db, &actor(), year).await?)
}

/// One base's KPIs for a year with the placements and events behind them.
#[server(endpoint = "bases/report")]
pub async fn get_base_report(id: i32, year: String) -> Result<BaseReport, AppError> {
    use crate::api::context::{actor, services};
    let svc = services()?;
    let year = crate::domain::bases::year_param(&year)?;
    Ok(crate::domain::bases::report(&svc.db, &actor(), id, year).await?)
}
