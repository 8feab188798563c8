use crate::ui::components::form::{Field, FormError, FormState, Notice};
use crate::ui::i18n::use_t;
use crate::ui::pages::role_name;
use crate::ui::use_current_user;
use leptos::prelude::*;
use leptos_meta::Title;
use model::i18n::Msg;

#[component]
pub fn AccountPage() -> impl IntoView {
    let t = use_t();
    let state = FormState::from_query();
    let me = use_current_user().0;
    view! {
        <Title text=t(Msg::AccountTitle) />
        <h1>{t(Msg::AccountTitle)}</h1>
        <Notice notice=state.notice() />
        <Suspense>
            {move || {
                let state = state.clone();
                Suspend::new(async move {
                    match me.await.ok().flatten() {
                        None => view! { <crate::ui::pages::LoginRequired /> }.into_any(),
                        Some(user) => view! {
                            <dl class="card">
                                <dt>{t(Msg::AccountPhone)}</dt>
                                <dd>{user.phone_masked.clone()}</dd>
                                <dt>{t(Msg::AccountRole)}</dt>
                                <dd><span class=format!("badge role-{}", user.role.as_str())>{t(role_name(user.role))}</span></dd>
                            </dl>
                            <form class="form card" method="post" action="/account/password">
                                <h2>{t(Msg::ChangePasswordTitle)}</h2>
                                <FormError message=state.form_error() />
                                <Field name="current_password" label=Msg::FieldCurrentPassword kind="password"
                                    autocomplete="current-password" error=state.field_error("current_password") required=true />
                                <Field name="new_password" label=Msg::FieldNewPassword kind="password"
                                    autocomplete="new-password" error=state.field_error("new_password")
                                    hint=Some(Msg::PasswordHint) required=true />
                                <Field name="new_password_confirm" label=Msg::FieldNewPasswordConfirm kind="password"
                                    autocomplete="new-password" error=state.field_error("new_password_confirm") required=true />
                                <button class="button primary" type="submit">{t(Msg::ChangePasswordSubmit)}</button>
                            </form>
                        }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}
