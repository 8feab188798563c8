use leptos::prelude::*;
use model::AppError;
use model::bases::{BaseKpiList, BaseReport};

/// Every base's KPIs for a year (`year` as typed in the query; empty for the current year).
#[server(endpoint = "bases/kpis")]
pub async fn get_base_kpis(year: String) -> Result<BaseKpiList, AppError> {
    use crate::api::context::{actor, services};
    let svc = services()?;
    let year = domain::bases::year_param(&year)?;
    Ok(domain::bases::list(&svc.db, &actor(), year).await?)
}

/// One base's KPIs for a year with the placements and events behind them.
#[server(endpoint = "bases/report")]
pub async fn get_base_report(id: i32, year: String) -> Result<BaseReport, AppError> {
    use crate::api::context::{actor, services};
    let svc = services()?;
    let year = domain::bases::year_param(&year)?;
    Ok(domain::bases::report(&svc.db, &actor(), id, year).await?)
}
