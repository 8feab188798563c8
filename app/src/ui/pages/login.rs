use crate::ui::components::form::{Field, FormError, FormState, Notice};
use crate::ui::i18n::use_t;
use crate::ui::safe_next;
use leptos::prelude::*;
use leptos_meta::Title;
use model::i18n::Msg;

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
            <p class="form-alt"><a href="/reset">{t(Msg::LoginForgot)}</a></p>
            <p class="form-alt"><a href="/activate">{t(Msg::NavActivate)}</a></p>
        </form>
    }
}

/// `/reset`: a forgotten password. First the phone (a code is sent by SMS), then
/// (`?step=code`) the code and the new password. An imported account that never had a
/// password gets in the same way.
#[component]
pub fn ResetPage() -> impl IntoView {
    let t = use_t();
    let state = FormState::from_query();
    let phone = state.value("phone");
    let second = state.value("step").as_deref() == Some("code");
    let phone_error = state.field_error("phone");
    let ask = move |phone: Option<String>, resend: bool| {
        view! {
            <form class=if resend { "form-alt" } else { "" } method="post" action="/reset/code">
                {if resend {
                    view! {
                        <input type="hidden" name="phone" value=phone />
                        <button class="link-button" type="submit">{t(Msg::ResetResend)}</button>
                    }.into_any()
                } else {
                    view! {
                        <Field name="phone" label=Msg::FieldPhone kind="tel" inputmode="numeric" autocomplete="username"
                            value=phone error=phone_error required=true autofocus=true />
                        <button class="button primary" type="submit">{t(Msg::ResetSendCode)}</button>
                    }.into_any()
                }}
            </form>
        }
    };
    view! {
        <Title text=t(Msg::ResetTitle) />
        <div class="form card">
            <h1>{t(Msg::ResetTitle)}</h1>
            <Notice notice=state.notice() />
            <FormError message=state.form_error() />
            {if second {
                view! {
                    <form method="post" action="/reset" id="reset-form">
                        <Field name="phone" label=Msg::FieldPhone kind="tel" inputmode="numeric" autocomplete="username"
                            value=phone.clone() error=state.field_error("phone") required=true />
                        <Field name="code" label=Msg::FieldCode inputmode="numeric" autocomplete="one-time-code"
                            error=state.field_error("code") required=true autofocus=true />
                        <Field name="password" label=Msg::FieldNewPassword kind="password" autocomplete="new-password"
                            error=state.field_error("password") hint=Some(Msg::PasswordHint) required=true />
                        <Field name="password_confirm" label=Msg::FieldNewPasswordConfirm kind="password" autocomplete="new-password"
                            error=state.field_error("password_confirm") required=true />
                        <button class="button primary" type="submit">{t(Msg::ResetSubmit)}</button>
                    </form>
                    {ask(phone, true)}
                }.into_any()
            } else {
                view! {
                    <p class="lead">{t(Msg::ResetLead)}</p>
                    {ask(phone, false)}
                }.into_any()
            }}
        </div>
    }
}

/// First login of an account a training provider imported: phone + printed activation code →
/// a password (or, without a code, the SMS reset).
#[component]
pub fn ActivatePage() -> impl IntoView {
    let t = use_t();
    let state = FormState::from_query();
    view! {
        <Title text=t(Msg::ActivateTitle) />
        <form class="form card" method="post" action="/activate">
            <h1>{t(Msg::ActivateTitle)}</h1>
            <p class="lead">{t(Msg::ActivateLead)}</p>
            <FormError message=state.form_error() />
            <Field name="phone" label=Msg::FieldPhone kind="tel" inputmode="numeric" autocomplete="username"
                value=state.value("phone") error=state.field_error("phone") required=true autofocus=true />
            <Field name="code" label=Msg::FieldActivationCode autocomplete="one-time-code"
                error=state.field_error("code") required=true />
            <Field name="password" label=Msg::FieldPassword kind="password" autocomplete="new-password"
                error=state.field_error("password") hint=Some(Msg::PasswordHint) required=true />
            <Field name="password_confirm" label=Msg::FieldPasswordConfirm kind="password" autocomplete="new-password"
                error=state.field_error("password_confirm") required=true />
            <button class="button primary" type="submit">{t(Msg::ActivateSubmit)}</button>
            <p class="form-alt"><a href="/reset">{t(Msg::ActivateBySms)}</a></p>
        </form>
    }
}
