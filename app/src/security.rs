//! The Content-Security-Policy every response carries. Pages rendered by the app allow only
//! the scripts they carry themselves: the hydration script is inline and marked with a nonce
//! made afresh for each render (leptos_axum provides it), so the page's policy names that
//! nonce and no other inline script runs. Other responses (error pages, files, JSON) carry the
//! same policy without a nonce: no inline script at all.

/// The policy, allowing inline scripts marked with `nonce` when there is one. Styles may be
/// inline (`style` attributes); scripts and the WebAssembly module come from this site only.
pub fn content_security_policy(nonce: Option<&str>) -> String {
    let scripts = match nonce {
        Some(nonce) => format!("'self' 'nonce-{nonce}' 'wasm-unsafe-eval'"),
        None => "'self' 'wasm-unsafe-eval'".to_string(),
    };
    format!(
        "default-src 'self'; script-src {scripts}; style-src 'self' 'unsafe-inline'; \
         img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; \
         base-uri 'self'; object-src 'none'"
    )
}

/// Sets the page's policy, with this render's nonce, on the response being rendered (call it
/// while the page's head is rendered, before the first byte is sent).
pub fn send_policy_with_nonce() {
    use leptos::prelude::use_context;
    let (Some(nonce), Some(response)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) else {
        return;
    };
    if let Ok(value) = http::HeaderValue::from_str(&content_security_policy(Some(&nonce))) {
        response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_marked_inline_scripts_are_allowed() {
        let page = content_security_policy(Some("abc123"));
        assert!(page.contains("script-src 'self' 'nonce-abc123' 'wasm-unsafe-eval';"));
        let other = content_security_policy(None);
        assert!(other.contains("script-src 'self' 'wasm-unsafe-eval';"));
        for policy in [page, other] {
            assert!(!policy.contains("script-src 'self' 'unsafe-inline'"));
            assert!(policy.contains("frame-ancestors 'none'"));
        }
    }
}
