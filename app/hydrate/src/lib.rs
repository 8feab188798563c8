//! Browser entry point. All of the app lives in the `app` crate; this crate only exports
//! `hydrate()` to JavaScript.
use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen]
pub fn hydrate() {
    app::hydrate();
}
