//! A micro-cache for the public pages visitors read most (home, catalogue, course pages): an
//! anonymous GET is answered from memory for up to `YUCAI_PAGE_CACHE_MS` after the page was
//! rendered, so a crowd reading the catalogue costs one render per page and interval, not one
//! per visitor. Signed-in requests (session cookie or bearer token) always get a fresh page, as
//! does anything that is not a plain 200 HTML page.
//!
//! When a page's copy expires, the one request that finds it so renders the page again while
//! the others arriving meanwhile still get the expired copy (for at most [`STALE_GRACE`] past
//! its interval), so a crowd never renders the same page many times at once.
//!
//! The price is that the public may see a course's places or status up to that interval (and
//! one render) late; enrolment itself never reads from here. The cache is bounded (entries and bytes), so
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

/// How long past its interval an expired copy may still be given out while one request renders
/// the page again; a copy older than that is never served. Also how long a render in progress
/// keeps other requests from starting another (its request may have been cancelled).
const STALE_GRACE: Duration = Duration::from_secs(5);

struct Entry {
    at: Instant,
    /// When a request started rendering this page again, if one is doing so.
    refreshing: Option<Instant>,
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

/// Neither signed in nor holding form values kept for a page (those pages show what this one
/// visitor typed).
fn anonymous(headers: &HeaderMap) -> bool {
    cookie_value(headers, SESSION_COOKIE).is_none()
        && cookie_value(headers, domain::flash::COOKIE).is_none()
        && !headers.contains_key(header::AUTHORIZATION)
}

impl PageCache {
    /// The page's copy if it is fresh, or expired but within [`STALE_GRACE`] while another
    /// request renders it again. `None` means: render it; when a copy exists the caller is
    /// now the one refreshing it (until it stores a new copy or gives up).
    fn get(&self, key: &str, ttl: Duration) -> Option<Response> {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        let entry = entries.get_mut(key)?;
        let age = entry.at.elapsed();
        if age >= ttl {
            let someone_renders = entry
                .refreshing
                .is_some_and(|since| since.elapsed() < STALE_GRACE);
            if age >= ttl + STALE_GRACE || !someone_renders {
                if age < ttl + STALE_GRACE {
                    entry.refreshing = Some(Instant::now());
                }
                return None;
            }
        }
        let mut res = Response::new(Body::from(entry.body.clone()));
        *res.headers_mut() = entry.headers.clone();
        Some(res)
    }

    /// The render of `key` that [`get`](Self::get) handed to the caller did not give a copy
    /// to keep (an error, a page with a cookie): the next request renders it again.
    fn gave_up(&self, key: &str) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(entry) = entries.get_mut(key) {
            entry.refreshing = None;
        }
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
                    refreshing: None,
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
    let lang = cookie_value(req.headers(), model::i18n::LANG_COOKIE).unwrap_or_default();
    let key = format!("{lang}|{}", req.uri());
    let cache = &state.page_cache;
    if let Some(hit) = cache.get(&key, ttl) {
        return hit;
    }
    // Should this request be cancelled (the visitor left) while rendering, the others wait at
    // most `STALE_GRACE` before one of them renders instead.
    let res = next.run(req).await;
    let html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if res.status() != StatusCode::OK || !html || res.headers().contains_key(header::SET_COOKIE) {
        cache.gave_up(&key);
        return res;
    }
    let (parts, body) = res.into_parts();
    match axum::body::to_bytes(body, MAX_PAGE_BYTES).await {
        Ok(bytes) => {
            cache.put(key, parts.headers.clone(), bytes.clone(), ttl);
            (parts, bytes).into_response()
        }
        Err(e) => {
            cache.gave_up(&key);
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

    fn aged(cache: &PageCache, key: &str, by: Duration) {
        let mut entries = cache.entries.lock().unwrap();
        let entry = entries.get_mut(key).unwrap();
        entry.at = Instant::now().checked_sub(by).unwrap();
    }

    #[test]
    fn an_expired_page_is_rendered_by_one_request_while_the_others_get_the_old_copy() {
        let cache = PageCache::default();
        let ttl = Duration::from_secs(1);
        let body = Bytes::from_static(b"old");
        cache.put("k".into(), HeaderMap::new(), body.clone(), ttl);
        assert!(cache.get("k", ttl).is_some(), "fresh");
        aged(&cache, "k", ttl + Duration::from_millis(10));
        assert!(cache.get("k", ttl).is_none(), "the first request renders");
        for _ in 0..50 {
            assert!(
                cache.get("k", ttl).is_some(),
                "the others get the old copy meanwhile"
            );
        }
        // The render gave nothing to keep: the next request renders again.
        cache.gave_up("k");
        assert!(cache.get("k", ttl).is_none());
        assert!(cache.get("k", ttl).is_some());
        // The new copy arrives and is fresh for everyone.
        cache.put(
            "k".into(),
            HeaderMap::new(),
            Bytes::from_static(b"new"),
            ttl,
        );
        assert!(cache.entries.lock().unwrap()["k"].refreshing.is_none());
        assert!(cache.get("k", ttl).is_some());
    }

    #[test]
    fn a_copy_too_old_is_never_served_and_a_stalled_render_is_taken_over() {
        let cache = PageCache::default();
        let ttl = Duration::from_secs(1);
        cache.put("k".into(), HeaderMap::new(), Bytes::from_static(b"x"), ttl);
        aged(&cache, "k", ttl + STALE_GRACE);
        assert!(cache.get("k", ttl).is_none());
        assert!(
            cache.get("k", ttl).is_none(),
            "too old to give out, even during a render"
        );
        // A render that started long ago (its request was cancelled) does not hold others off.
        cache.put("k".into(), HeaderMap::new(), Bytes::from_static(b"x"), ttl);
        aged(&cache, "k", ttl);
        cache
            .entries
            .lock()
            .unwrap()
            .get_mut("k")
            .unwrap()
            .refreshing = Instant::now().checked_sub(STALE_GRACE);
        assert!(
            cache.get("k", ttl).is_none(),
            "this request takes the render over"
        );
        assert!(cache.get("k", ttl).is_some());
    }
}
