//! Certificates: a course's certificate page for staff (`/manage/courses/{id}/certificates`:
//! issue to everyone who completed, follow a large batch's progress, download one or all,
//! revoke or reissue), and the public verification pages (`/verify` to look a certificate up
//! by number and name, `/verify/{code}` from the QR code). Plain forms and links throughout.

use crate::api::certificates::{get_course_certificates, search_certificate, verify_certificate};
use crate::ui::components::form::{FormError, FormState, LoadError, Notice};
use crate::ui::i18n::{use_locale, use_t};
use crate::ui::id_param;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};
use model::certificates::{
    CertificateRow, CourseCertificates, PublicCertificate, Verification, kind_label, status_label,
};
use model::enums::CertificateStatus;
use model::i18n::Msg;

#[component]
fn RowActions(
    r: CertificateRow,
    course_id: i32,
    can_revoke: bool,
    state: FormState,
) -> impl IntoView {
    let t = use_t();
    let reason_field = format!("reason_{}", r.id);
    let error = state.field_error(&reason_field);
    let valid = r.status == CertificateStatus::Valid;
    view! {
        <a class="button small" href=format!("/certificates/{}/pdf", r.id)>{t(Msg::CertDownload)}</a>
        " "
        <a class="button small" href=format!("/verify/{}", r.verification_code)>{t(Msg::CertVerifyLink)}</a>
        {can_revoke.then(|| view! {
            <details class="row-action" open=error.is_some()>
                <summary>{t(if valid { Msg::CertRevoke } else { Msg::CertReissue })}</summary>
                <form method="post" action=format!("/manage/certificates/{}/revoke", r.id)>
                    <input type="hidden" name="course" value=course_id.to_string() />
                    <div class="field" class:has-error=error.is_some()>
                        <label for=reason_field.clone()>{t(Msg::CertReasonLabel)}</label>
                        <input id=reason_field.clone() name="reason" type="text" maxlength="500" required
                            placeholder=t(Msg::CertReasonHint)
                            aria-invalid=error.is_some().then_some("true") />
                        {error.map(|m| view! { <p class="field-error" role="alert">{t(m)}</p> })}
                    </div>
                    <div class="actions-row">
                        {valid.then(|| view! {
                            <button class="button danger" type="submit">{t(Msg::CertRevoke)}</button>
                        })}
                        <button class="button" type="submit"
                            formaction=format!("/manage/certificates/{}/reissue", r.id)>{t(Msg::CertReissue)}</button>
                    </div>
                </form>
            </details>
        }.into_any())}
    }
    .into_any()
}

#[component]
fn CertificateTable(c: CourseCertificates, state: FormState) -> impl IntoView {
    let t = use_t();
    let locale = use_locale();
    if c.rows.is_empty() {
        return view! { <p class="muted">{t(Msg::CertNone)}</p> }.into_any();
    }
    let course_id = c.course_id;
    let can_revoke = c.can_revoke;
    view! {
        <div class="table-wrap" tabindex="0">
            <table class="data certificates">
                <thead><tr>
                    <th scope="col">{t(Msg::ColNumber)}</th>
                    <th scope="col">{t(Msg::FieldName)}</th>
                    <th scope="col" class="num">{t(Msg::ColHours)}</th>
                    <th scope="col">{t(Msg::ColIssuedOn)}</th>
                    <th scope="col">{t(Msg::ColStatus)}</th>
                    <th scope="col">{t(Msg::ColActions)}</th>
                </tr></thead>
                <tbody>
                    {c.rows.into_iter().map(|r| {
                        let valid = r.status == CertificateStatus::Valid;
                        view! {
                            <tr id=format!("cert-{}", r.id)>
                                <td class="mono">{r.number.clone()}</td>
                                <th scope="row">{r.name.clone()}<br /><small class="muted id-number">{r.id_number_masked.clone()}</small></th>
                                <td class="num">{r.hours.clone()}</td>
                                <td>{r.issued_on.clone()}</td>
                                <td>
                                    <span class=if valid { "badge ok" } else { "badge warn" }>{t(status_label(r.status))}</span>
                                    {r.revoked_reason.clone().map(|why| view! { <br /><small class="muted">{why}</small> })}
                                    {r.replaces.clone().map(|old| view! { <br /><small class="muted">{locale.fill(Msg::CertReplaces, old)}</small> })}
                                </td>
                                <td class="actions">
                                    {view! { <RowActions r=r.clone() course_id can_revoke state=state.clone() /> }.into_any()}
                                </td>
                            </tr>
                        }.into_any()
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
pub fn CertificatesPage() -> impl IntoView {
    let t = use_t();
    let locale = use_locale();
    let state = FormState::from_query();
    let id = id_param("id");
    let data = Resource::new_blocking(|| (), move |_| get_course_certificates(id));
    view! {
        <Suspense fallback=move || view! { <p class="muted">{t(Msg::Loading)}</p> }>
            {move || {
                let state = state.clone();
                Suspend::new(async move {
                    match data.await {
                        Err(e) => view! { <LoadError error=e /> }.into_any(),
                        Ok(c) => {
                            let title = locale.fill(Msg::CertificatesTitle, &c.title);
                            let base = format!("/manage/courses/{id}/certificates");
                            let has_rows = !c.rows.is_empty();
                            let pending_class = if c.pending == 0 { "badge ok" } else { "badge warn" };
                            view! {
                                <Title text=title.clone() />
                                {c.progress.map(|_| view! { <Meta http_equiv="refresh" content="1" /> })}
                                <p class="muted">
                                    <a href=format!("/manage/courses/{id}")>{c.title.clone()}</a>
                                    " · " <a href=format!("/manage/courses/{id}/completion")>{t(Msg::NavCompletion)}</a>
                                </p>
                                <h1>{title}</h1>
                                <Notice notice=state.notice() />
                                <FormError message=state.form_error() />
                                <p class="lead">{t(Msg::CertificatesLead)}</p>
                                <p class="course-meta">
                                    <span class="badge">{t(kind_label(c.kind))}</span> " "
                                    <span class="badge">{locale.fill(Msg::CertCompletedCount, c.completed)}</span> " "
                                    <span class=pending_class>{locale.fill(Msg::CertPendingCount, c.pending)}</span>
                                </p>
                                <p class="muted">{t(if c.provider_issues { Msg::CertProviderIssuesOn } else { Msg::CertProviderIssuesOff })}</p>
                                {c.can_delegate.then(|| view! {
                                    <form method="post" action=format!("{base}/provider") class="actions-row">
                                        <input type="hidden" name="allow" value=if c.provider_issues { "0" } else { "1" } />
                                        <button class="button" type="submit">{t(if c.provider_issues { Msg::CertStopProvider } else { Msg::CertAllowProvider })}</button>
                                    </form>
                                })}
                                {match c.progress {
                                    Some((done, total)) => view! {
                                        <div class="notice info" role="status">
                                            <p>{t(Msg::CertIssuing)}</p>
                                            <progress max=total.to_string() value=done.to_string()>{format!("{done}/{total}")}</progress>
                                            <p>{locale.fill(Msg::CertIssuedSoFar, done)}{format!(" / {total}")}</p>
                                        </div>
                                    }.into_any(),
                                    None => (c.can_issue && c.pending > 0).then(|| view! {
                                        <form method="post" action=format!("{base}/issue") class="actions-row">
                                            <button class="button primary" type="submit">{t(Msg::CertIssueAll)}</button>
                                        </form>
                                    }).into_any(),
                                }}
                                {has_rows.then(|| view! {
                                    <p><a class="button" href=format!("/manage/courses/{id}/certificates.zip")>{t(Msg::CertDownloadAll)}</a></p>
                                })}
                                <CertificateTable c state=state.clone() />
                            }.into_any()
                        }
                    }
                })
            }}
        </Suspense>
    }
}

/// What a verification found, for the public.
#[component]
fn VerificationResult(v: Verification) -> impl IntoView {
    let t = use_t();
    let locale = use_locale();
    match v {
        Verification::Malformed => view! {
            <div class="notice error verify-result" role="alert">{t(Msg::VerifyMalformed)}</div>
        }
        .into_any(),
        Verification::NotFound => view! {
            <div class="notice error verify-result" role="alert">{t(Msg::VerifyNotFound)}</div>
        }
        .into_any(),
        Verification::Found(c) => {
            let c: PublicCertificate = *c;
            let valid = c.status == CertificateStatus::Valid;
            let row = |label: Msg, value: String| view! { <tr><th scope="row">{t(label)}</th><td>{value}</td></tr> };
            view! {
                <div class=if valid { "verify-result valid" } else { "verify-result revoked" }>
                    <p class=if valid { "notice success" } else { "notice error" } role="status">
                        <strong>{t(if valid { Msg::VerifyValid } else { Msg::VerifyRevoked })}</strong>
                    </p>
                    <table class="data facts">
                        <tbody>
                            {row(Msg::VerifyNumberLabel, c.number.clone())}
                            {row(Msg::VerifyKind, t(kind_label(c.kind)).to_string())}
                            {row(Msg::VerifyHolder, c.name_masked.clone())}
                            {row(Msg::VerifyIdNumber, c.id_number_masked.clone())}
                            {match c.honour.clone() {
                                // An honour: the title, the business and the selection it came from.
                                Some(honour) => view! {
                                    {row(Msg::VerifyHonour, honour)}
                                    {c.business.clone().map(|b| row(Msg::VerifyBusiness, b))}
                                    {row(Msg::VerifySelection, c.course.clone())}
                                }.into_any(),
                                None => view! {
                                    {row(Msg::VerifyCourse, c.course.clone())}
                                    {row(Msg::VerifyHours, c.hours.clone())}
                                    {row(Msg::VerifyDates, format!("{} – {}", c.starts_on, c.ends_on))}
                                    {row(Msg::VerifyProvider, c.provider.clone())}
                                }.into_any(),
                            }}
                            {row(Msg::VerifyIssuer, c.issuer.clone())}
                            {row(Msg::VerifyIssuedOn, c.issued_on.clone())}
                            {c.revoked_on.clone().map(|d| row(Msg::VerifyRevokedOn, d))}
                        </tbody>
                    </table>
                    {c.replaces.clone().map(|old| view! { <p class="muted">{locale.fill(Msg::CertReplaces, old)}</p> })}
                    {c.replaced_by.clone().map(|new| view! { <p class="notice info">{locale.fill(Msg::VerifyReplacedBy, new)}</p> })}
                    <p class="muted small">{t(Msg::VerifySignatureNote)}</p>
                </div>
            }.into_any()
        }
    }
}

#[component]
fn SearchForm(
    number: String,
    name: String,
    number_error: Option<Msg>,
    name_error: Option<Msg>,
) -> impl IntoView {
    let t = use_t();
    view! {
        <form class="card verify-form" method="get" action="/verify">
            <div class="field" class:has-error=number_error.is_some()>
                <label for="number">{t(Msg::VerifyNumberLabel)}</label>
                <input id="number" name="number" type="text" value=number maxlength="32"
                    placeholder="YZ-2026-000123" autocomplete="off" required
                    aria-invalid=number_error.is_some().then_some("true") />
                {number_error.map(|m| view! { <p class="field-error">{t(m)}</p> })}
            </div>
            <div class="field" class:has-error=name_error.is_some()>
                <label for="name">{t(Msg::VerifyNameLabel)}</label>
                <input id="name" name="name" type="text" value=name maxlength="50" autocomplete="off" required
                    aria-invalid=name_error.is_some().then_some("true") />
                {name_error.map(|m| view! { <p class="field-error">{t(m)}</p> })}
            </div>
            <button class="button primary" type="submit">{t(Msg::VerifySearch)}</button>
        </form>
    }
}

/// `/verify`: the search by number and name; with both given, the answer.
#[component]
pub fn VerifyPage() -> impl IntoView {
    let t = use_t();
    let locale = use_locale();
    let query = use_query_map();
    let number = query.with_untracked(|q| q.get("number").unwrap_or_default());
    let name = query.with_untracked(|q| q.get("name").unwrap_or_default());
    let asked = !(number.is_empty() && name.is_empty());
    let (n, m) = (number.clone(), name.clone());
    let answer = Resource::new_blocking(
        || (),
        move |_| {
            let (n, m) = (n.clone(), m.clone());
            async move {
                if asked {
                    Some(search_certificate(n, m).await)
                } else {
                    None
                }
            }
        },
    );
    view! {
        <Title text=t(Msg::VerifyTitle) />
        <h1>{t(Msg::VerifyTitle)}</h1>
        <p class="lead">{t(Msg::VerifyLead)}</p>
        <Suspense fallback=move || view! { <p class="muted">{t(Msg::Loading)}</p> }>
            {move || {
                let (number, name) = (number.clone(), name.clone());
                Suspend::new(async move {
                    match answer.await {
                        None => view! { <SearchForm number name number_error=None name_error=None /> }.into_any(),
                        Some(Ok(v)) => view! {
                            <SearchForm number name number_error=None name_error=None />
                            <VerificationResult v />
                        }.into_any(),
                        Some(Err(e)) => {
                            let field = |f: &str| e.fields.iter().find(|x| x.field == f).map(|x| x.message);
                            let (number_error, name_error) = (field("number"), field("name"));
                            let message = e.fields.is_empty().then(|| e.text(locale));
                            view! {
                                <FormError message />
                                <SearchForm number name number_error name_error />
                            }.into_any()
                        }
                    }
                })
            }}
        </Suspense>
    }
}

/// `/verify/{code}`: what the QR code on a certificate opens.
#[component]
pub fn VerifyCodePage() -> impl IntoView {
    let t = use_t();
    let code = use_params_map().with_untracked(|p| p.get("code").unwrap_or_default());
    let answer = Resource::new_blocking(|| (), move |_| verify_certificate(code.clone()));
    view! {
        <Title text=t(Msg::VerifyTitle) />
        <h1>{t(Msg::VerifyTitle)}</h1>
        <Suspense fallback=move || view! { <p class="muted">{t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match answer.await {
                    Ok(v) => view! { <VerificationResult v /> }.into_any(),
                    Err(e) => view! { <LoadError error=e /> }.into_any(),
                }
            })}
        </Suspense>
        <p><a href="/verify">{t(Msg::VerifyLead)}</a></p>
    }
}
