use crate::ui::components::form::{Field, FormError, FormState};
use crate::ui::i18n::use_t;
use crate::ui::safe_next;
use leptos::prelude::*;
use leptos_meta::Title;
use model::i18n::Msg;

#[component]
pub fn SignupPage() -> impl IntoView {
    let t = use_t();
    let state = FormState::from_query();
    let next = safe_next(state.value("next"));
    let login_href = format!("/login?next={}", crate::ui::encode_component(&next));
    view! {
        <Title text=t(Msg::SignupTitle) />
        <form class="form card" method="post" action="/signup">
            <h1>{t(Msg::SignupTitle)}</h1>
            <FormError message=state.form_error() />
            <input type="hidden" name="next" value=next />
            <Field name="phone" label=Msg::FieldPhone kind="tel" inputmode="numeric" autocomplete="username"
                value=state.value("phone") error=state.field_error("phone") hint=Some(Msg::PhoneHint)
                required=true autofocus=true />
            <Field name="password" label=Msg::FieldPassword kind="password" autocomplete="new-password"
                error=state.field_error("password") hint=Some(Msg::PasswordHint) required=true />
            <Field name="password_confirm" label=Msg::FieldPasswordConfirm kind="password" autocomplete="new-password"
                error=state.field_error("password_confirm") required=true />
            <button class="button primary" type="submit">{t(Msg::SignupSubmit)}</button>
            <p class="form-alt">{t(Msg::SignupHaveAccount)} " " <a href=login_href>{t(Msg::NavLogin)}</a></p>
        </form>
    }
}
