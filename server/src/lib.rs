//! The `yucai` server: configuration, the router (Leptos pages and server functions, the
//! form routes, the JSON API, health), the request middleware and the CLI commands.

pub mod api_v1;
pub mod cli;
pub mod config;
pub mod forms;
pub mod middleware;
pub mod page_cache;
pub mod router;
/// The test harness, for the tests, benchmarks, soak and fault checks only: behind the `testing`
/// feature, which the crate's own dev-dependency turns on, so the release binary has none of it.
#[cfg(feature = "testing")]
pub mod testing;

use axum::extract::FromRef;
use domain::Services;
use leptos::prelude::LeptosOptions;
use std::sync::Arc;

/// Everything a request handler can reach.
#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub services: Services,
    pub config: Arc<config::Config>,
    pub page_cache: Arc<page_cache::PageCache>,
}
