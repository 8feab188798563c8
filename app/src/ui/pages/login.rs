use crate::i18n::Msg;
use crate::ui::components::form::{Field, FormError, FormState, Notice};
use crate::ui::i18n::use_t;
use crate::ui::safe_next;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn LoginPage() -> impl IntoView {
    let t = use_t();
    let state = FormState::from_query();
    let next = safe_next(state.value("next"));
    let signup_href = format!("/signup?next={}", crate::ui::encode_component(&next));
    view! {
        <Title text=t(Msg::LoginTitle) />
        <form class="form card" method="post" action="/login">
            <h1>{t(Msg::LoginTitle)}</h1>
            <Notice notice=state.notice() />
            <FormError message=state.form_error() />
            <input type="hidden" name="next" value=next />
            <Field name="phone" label=Msg::FieldPhone kind="tel" inputmode="numeric" autocomplete="username"
                value=state.value("phone") error=state.field_error("phone")
                required=true autofocus=true />
            <Field name="password" label=Msg::FieldPassword kind="password" autocomplete="current-password"
                error=state.field_error("password") required=true />
            <button class="button primary" type="submit">{t(Msg::LoginSubmit)}</button>
            <p class="form-alt">{t(Msg::LoginNoAccount)} " " <a href=signup_href>{t(Msg::NavSignup)}</a></p>
        </form>
    }
}
