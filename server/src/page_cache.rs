//! A micro-cache for the public pages visitors read most (home, catalogue, course pages): an
//! anonymous GET is answered from memory for up to `YUCAI_PAGE_CACHE_MS` after the page was
//! rendered, so a crowd reading the catalogue costs one render per page and interval, not one
//! per visitor. Signed-in requests (session cookie or bearer token) always get a fresh page, as
//! does anything that is not a plain 200 HTML page.
//!
//! The price is that the public may see a course's places or status up to that interval late;
//! enrolment itself never reads from here. The cache is bounded (entries and bytes), so
//! arbitrary query strings cannot grow it without limit.

use crate::AppState;
use crate::middleware::{SESSION_COOKIE, cookie_value};
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// At most this many pages are kept.
const MAX_ENTRIES: usize = 2000;
/// Pages larger than this are not kept.
const MAX_PAGE_BYTES: usize = 512 * 1024;

struct Entry {
    at: Instant,
    headers: HeaderMap,
    body: Bytes,
}

#[derive(Default)]
pub struct PageCache {
    entries: Mutex<HashMap<String, Entry>>,
}

/// Whether a path is one of the public pages worth caching.
fn cacheable_path(path: &str) -> bool {
    path == "/"
        || path == "/courses"
        || path
            .strip_prefix("/courses/")
            .is_some_and(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()))
}

fn anonymous(headers: &HeaderMap) -> bool {
    cookie_value(headers, SESSION_COOKIE).is_none() && !headers.contains_key(header::AUTHORIZATION)
}

impl PageCache {
    fn get(&self, key: &str, ttl: Duration) -> Option<Response> {
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        let entry = entries.get(key).filter(|e| e.at.elapsed() < ttl)?;
        let mut res = Response::new(Body::from(entry.body.clone()));
        *res.headers_mut() = entry.headers.clone();
        Some(res)
    }

    fn put(&self, key: String, headers: HeaderMap, body: Bytes, ttl: Duration) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if entries.len() >= MAX_ENTRIES {
            entries.retain(|_, e| e.at.elapsed() < ttl);
        }
        if entries.len() < MAX_ENTRIES {
            entries.insert(
                key,
                Entry {
                    at: Instant::now(),
                    headers,
                    body,
                },
            );
        }
    }
}

/// The middleware: serve an anonymous public page from memory, or render it and keep it.
pub async fn page_cache(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let ttl = state.config.page_cache;
    if ttl.is_zero()
        || req.method() != Method::GET
        || !cacheable_path(req.uri().path())
        || !anonymous(req.headers())
    {
        return next.run(req).await;
    }
    // The language is the only other input an anonymous page depends on.
    let lang = cookie_value(req.headers(), app::i18n::LANG_COOKIE).unwrap_or_default();
    let key = format!("{lang}|{}", req.uri());
    let cache = &state.page_cache;
    if let Some(hit) = cache.get(&key, ttl) {
        return hit;
    }
    let res = next.run(req).await;
    let html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if res.status() != StatusCode::OK || !html || res.headers().contains_key(header::SET_COOKIE) {
        return res;
    }
    let (parts, body) = res.into_parts();
    match axum::body::to_bytes(body, MAX_PAGE_BYTES).await {
        Ok(bytes) => {
            cache.put(key, parts.headers.clone(), bytes.clone(), ttl);
            (parts, bytes).into_response()
        }
        Err(e) => {
            tracing::error!(error = %e, "could not read a page to cache it");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_public_reading_pages_are_cached() {
        for path in ["/", "/courses", "/courses/12"] {
            assert!(cacheable_path(path), "{path}");
        }
        for path in [
            "/account",
            "/courses/",
            "/courses/12/x",
            "/manage/courses",
            "/api/v1/courses",
        ] {
            assert!(!cacheable_path(path), "{path}");
        }
    }

    #[test]
    fn the_cache_is_bounded() {
        let cache = PageCache::default();
        let ttl = Duration::from_secs(60);
        for i in 0..(MAX_ENTRIES + 10) {
            cache.put(
                format!("k{i}"),
                HeaderMap::new(),
                Bytes::from_static(b"x"),
                ttl,
            );
        }
        assert_eq!(cache.entries.lock().unwrap().len(), MAX_ENTRIES);
        assert!(cache.get("k0", ttl).is_some());
        assert!(cache.get(&format!("k{}", MAX_ENTRIES + 5), ttl).is_none());
    }
}
