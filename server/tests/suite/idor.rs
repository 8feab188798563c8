//! Insecure direct object references, route by route: every operation of the JSON API whose
//! path takes an id (read from the OpenAPI document, so a new one cannot be left out) is asked
//! with organisation A's ids by a stranger — organisation B's staff, another trainee, a viewer
//! of another town — and must be refused with nothing changed in the database; the same ids
//! asked by their rightful owner must be served, which proves the ids are real and the route
//! reachable, so that the stranger's refusal is about ownership.
//!
//! Two worlds, A and B, are built alike through the domain services: a college (its partner
//! admin, a finished class with certificates, a running course with sessions, enrolments,
//! attendance and imports, a draft and two open courses), an incubation base (its staff,
//! places, applications, a placement, an outcome, an event), agreements between the two, and a
//! trainee. Strangers ask first, while every record is in its starting state; the owners ask
//! afterwards, in the table's order (steps that close something come after those that need it).
//!
//! Bureau admins and viewers see every organisation's records by design and are no strangers
//! here; public routes are listed with the reason they are public.

use axum::http::{Method, Request, header};
use chrono::{Datelike, Duration, NaiveDate, NaiveTime, Utc};
use domain::entities::{
    self, certificates as certificate_rows, course_sessions, courses, enrollments, follow_ups,
    trainees,
};
use domain::keys::SecretKey;
use domain::local_time::{at, today};
use domain::{
    Actor, accounts, agreements, attendance_import, bases, certificates, checkin, events, hosts,
    imports, outcomes, placements, selections, targets,
};
use model::Role;
use model::agreements::AgreementInput;
use model::bases::BaseEventInput;
use model::catalogue::Industry;
use model::courses::{CourseInput, SessionInput};
use model::dashboard::{TargetInput, TargetKpi};
use model::enums::{
    AgreementKind, BaseEventKind, CourseLevel, CourseMode, CourseStatus, EnrollmentStatus,
    FollowUpStatus, Funding, OrganisationKind, OrganisationStatus, OutcomeKind, PlacementKind,
    Programme, TargetScope,
};
use model::events::RegistrationInput;
use model::hosts::{HostAccountInput, HostInput};
use model::outcomes::{OutcomeInput, Platform};
use model::placements::{ApplyInput, DecisionInput, PlaceInput, Support};
use model::selections::{NominationInput, NoticeInput, ObjectionInput, RoundInput, ScoreInput};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use serde_json::{Value, json};
use server::testing::{TestApp, TestResponse, TestUser, test_id_number};
use std::collections::BTreeSet;
use std::sync::Arc;

/// Who asks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Who {
    Anonymous,
    Admin,
    /// A bureau viewer limited to a town where none of A's people live.
    TownViewer,
    /// A's college: its partner admin.
    StaffA,
    /// A's incubation base: a staff member.
    BaseStaffA,
    /// A's trainee (finished A's class, on A's running course, applied to A's base).
    TraineeA,
    StaffB,
    BaseStaffB,
    TraineeB,
}

/// A record of one world, named as the path parameters name it.
#[derive(Clone, Copy, Debug)]
enum Id {
    College,
    PendingOrganisation,
    AgreementToConfirm,
    AgreementToCancel,
    /// The running course: roster, attendance, scores, check-in, imports of attendance.
    Course,
    SessionBegun,
    SessionNow,
    RowEnrolment,
    Waitlisted,
    Removable,
    AttendanceImport,
    AttendanceImportToDiscard,
    TraineeImport,
    TraineeImportToDiscard,
    Draft,
    DraftSession,
    DraftSessionToDelete,
    /// An open course nobody of the world is on yet.
    OpenCourse,
    /// An open course the trainee is on, not started.
    CourseToWithdraw,
    /// The finished class with certificates.
    Finished,
    Certificate,
    CertificateToRevoke,
    CertificateToReissue,
    VerificationCode,
    /// The trainee (`trainees.id`).
    Person,
    /// A trainee placed at the base.
    PlacedPerson,
    Base,
    Place,
    PlaceToClose,
    PlaceToApply,
    Application,
    Placement,
    Outcome,
    BaseEvent,
    FollowUp,
    Target,
    /// An honour selection taking nominations, with the world's trainee nominated by its
    /// college.
    Round,
    Nomination,
    /// A selection on public notice, with an objection received.
    NoticeRound,
    Objection,
    /// The placed person's host profile, kept by the base.
    Host,
    /// A salon of the college, today, a session on now, with two registrations.
    Event,
    EventSession,
    Registration,
    Ticket,
    TicketToCancel,
    /// A selection whose notice period is over.
    EndedRound,
    /// A message in the trainee's inbox.
    Message,
    /// An SMS to the trainee that failed, for the bureau to send again.
    FailedMessage,
    /// No record has it.
    Nonexistent,
}

/// What a stranger must get.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Refusal {
    /// 404: the record is hidden (the usual answer to another organisation's id).
    NotFound,
    /// 403: the route is not for the caller's role at all (bureau-only steps).
    Forbidden,
    /// 409: the path names something that is no secret (a public course, a session, the
    /// caller's own course) and the answer is about the caller's own records only ("you are
    /// not enrolled", "not on the course").
    Conflict,
    /// 200, narrowed to the caller: none of A's people in it (a town viewer's lists). The
    /// owner's answer must name A's trainee, so the check means something.
    Filtered,
    /// 422: the path names something that is no secret (a selection round) and the body names
    /// one of A's people, refused at that field.
    Invalid,
}

struct Attempt {
    who: Who,
    /// Path parameters the stranger fills with their own world's ids (the others are A's).
    own: &'static [&'static str],
    expect: Refusal,
}

const fn hidden(who: Who) -> Attempt {
    Attempt {
        who,
        own: &[],
        expect: Refusal::NotFound,
    }
}

const fn forbidden(who: Who) -> Attempt {
    Attempt {
        who,
        own: &[],
        expect: Refusal::Forbidden,
    }
}

const fn filtered(who: Who) -> Attempt {
    Attempt {
        who,
        own: &[],
        expect: Refusal::Filtered,
    }
}

/// A's id under the stranger's own parent (e.g. their course with A's session).
const fn mixed(who: Who, own: &'static [&'static str], expect: Refusal) -> Attempt {
    Attempt { who, own, expect }
}

enum Access {
    /// Records of an organisation or a person: the owner is served, each stranger refused.
    Owned { owner: Who, strangers: Vec<Attempt> },
    /// Open to anyone (or any trainee) by design, for `reason`: only the positive control, and
    /// that the `bogus` ids are 404.
    Public {
        who: Who,
        reason: &'static str,
        bogus: &'static [(&'static str, Id)],
    },
}

enum Payload {
    Empty,
    Json(fn(&Fixture) -> Value),
    File(fn(&Fixture) -> Vec<u8>),
}

/// One row of the table: an operation, the ids that fill its path, what it is sent, and who
/// may use it.
struct Case {
    method: Method,
    /// As in the OpenAPI document.
    path: &'static str,
    ids: &'static [(&'static str, Id)],
    query: &'static str,
    payload: Payload,
    access: Access,
}

/// A row being written: `get(…)`, then `.query`, `.json` or `.file`, then `.owner` or `.public`.
struct Row(Case);

fn row(method: Method, path: &'static str, ids: &'static [(&'static str, Id)]) -> Row {
    Row(Case {
        method,
        path,
        ids,
        query: "",
        payload: Payload::Empty,
        access: Access::Owned {
            owner: Who::Anonymous,
            strangers: Vec::new(),
        },
    })
}

fn get(path: &'static str, ids: &'static [(&'static str, Id)]) -> Row {
    row(Method::GET, path, ids)
}

fn post(path: &'static str, ids: &'static [(&'static str, Id)]) -> Row {
    row(Method::POST, path, ids)
}

fn put(path: &'static str, ids: &'static [(&'static str, Id)]) -> Row {
    row(Method::PUT, path, ids)
}

fn delete(path: &'static str, ids: &'static [(&'static str, Id)]) -> Row {
    row(Method::DELETE, path, ids)
}

impl Row {
    fn query(mut self, query: &'static str) -> Row {
        self.0.query = query;
        self
    }

    fn json(mut self, body: fn(&Fixture) -> Value) -> Row {
        self.0.payload = Payload::Json(body);
        self
    }

    fn file(mut self, bytes: fn(&Fixture) -> Vec<u8>) -> Row {
        self.0.payload = Payload::File(bytes);
        self
    }

    fn owner(mut self, owner: Who, strangers: Vec<Attempt>) -> Case {
        self.0.access = Access::Owned { owner, strangers };
        self.0
    }

    fn public(
        mut self,
        who: Who,
        reason: &'static str,
        bogus: &'static [(&'static str, Id)],
    ) -> Case {
        self.0.access = Access::Public { who, reason, bogus };
        self.0
    }
}

fn day(offset: i64) -> String {
    (today() + Duration::days(offset)).to_string()
}

/// The table: one row per operation with an id in its path. Owners' steps run in this order.
fn cases() -> Vec<Case> {
    use Id::*;
    use Refusal::{Conflict, NotFound};
    use Who::*;
    vec![
        // ---- partners and agreements
        get("/api/v1/organisations/{id}", &[("id", College)]).owner(
            StaffA,
            vec![hidden(StaffB), hidden(BaseStaffB), forbidden(TraineeB)],
        ),
        post("/api/v1/organisations/{id}/decisions", &[("id", PendingOrganisation)])
            .json(|_| json!({"decision": "approve"}))
            // Bureau admins only.
            .owner(
                Admin,
                vec![forbidden(StaffA), forbidden(StaffB), forbidden(TraineeB)],
            ),
        post("/api/v1/organisations/{id}/staff", &[("id", College)])
            .json(|_| {
                json!({"phone": "13512340001", "display_name": "新同事", "password": "staff-pass-1",
                       "password_confirm": "staff-pass-1", "org_admin": true})
            })
            .owner(StaffA, vec![hidden(StaffB), hidden(BaseStaffB)]),
        post("/api/v1/agreements/{id}/confirm", &[("id", AgreementToConfirm)]).owner(
            BaseStaffA,
            vec![hidden(BaseStaffB), hidden(StaffB), forbidden(TraineeB)],
        ),
        post("/api/v1/agreements/{id}/cancel", &[("id", AgreementToCancel)])
            .owner(StaffA, vec![hidden(StaffB), hidden(BaseStaffB)]),
        // ---- courses
        get("/api/v1/courses/{id}", &[("id", OpenCourse)]).public(
            Anonymous,
            "the public catalogue: an open course's page is for everyone",
            &[("id", Draft)],
        ),
        get("/api/v1/courses/{id}/record", &[("id", Course)])
            .owner(StaffA, vec![hidden(StaffB), forbidden(TraineeB)]),
        put("/api/v1/courses/{id}/edit", &[("id", Draft)])
            .json(|_| {
                let mut input = draft_input();
                input.title = "越权测试草稿（改）".into();
                serde_json::to_value(input).expect("a course as JSON")
            })
            .owner(StaffA, vec![hidden(StaffB)]),
        post("/api/v1/courses/{id}/sessions", &[("id", Draft)])
            .json(|_| {
                json!({"date": day(30), "start_time": "14:00", "end_time": "17:00",
                       "topic": "选品", "hours": 3})
            })
            .owner(StaffA, vec![hidden(StaffB)]),
        put(
            "/api/v1/courses/{id}/sessions/{session}",
            &[("id", Draft), ("session", DraftSession)],
        )
        .json(|_| {
            json!({"date": day(30), "start_time": "09:00", "end_time": "12:00",
                   "topic": "开店（改）", "hours": 3})
        })
        .owner(
            StaffA,
            vec![hidden(StaffB), mixed(StaffB, &["id"], NotFound)],
        ),
        delete(
            "/api/v1/courses/{id}/sessions/{session}",
            &[("id", Draft), ("session", DraftSessionToDelete)],
        )
        .owner(
            StaffA,
            vec![hidden(StaffB), mixed(StaffB, &["id"], NotFound)],
        ),
        // After the sessions: a submitted course is no longer edited.
        post("/api/v1/courses/{id}/actions", &[("id", Draft)])
            .json(|_| json!({"action": "submit"}))
            .owner(StaffA, vec![hidden(StaffB)]),
        // ---- enrolment
        post("/api/v1/courses/{id}/enrolment", &[("id", OpenCourse)]).public(
            TraineeA,
            "any trainee enrols in an open course; the enrolment made is the caller's own \
             (a course the public cannot see is 404)",
            &[("id", Draft)],
        ),
        // The course is public; the call names only the caller's own enrolment.
        delete("/api/v1/courses/{id}/enrolment", &[("id", CourseToWithdraw)]).owner(
            TraineeA,
            vec![mixed(TraineeB, &[], Conflict), forbidden(StaffB)],
        ),
        // Bureau admins only: not even the trainee's own provider or base.
        get("/api/v1/trainees/{id}/id-number", &[("id", Person)]).owner(
            Admin,
            vec![
                forbidden(StaffA),
                forbidden(BaseStaffA),
                forbidden(StaffB),
                forbidden(TraineeB),
                forbidden(TownViewer),
            ],
        ),
        // ---- rosters
        get("/api/v1/courses/{id}/roster", &[("id", Course)]).owner(
            StaffA,
            vec![
                hidden(StaffB),
                hidden(BaseStaffA),
                forbidden(TraineeB),
                filtered(TownViewer),
            ],
        ),
        get("/api/v1/courses/{id}/roster/export", &[("id", Course)])
            .query("?format=csv&status=all")
            .owner(
                StaffA,
                vec![hidden(StaffB), forbidden(TraineeB), filtered(TownViewer)],
            ),
        post(
            "/api/v1/courses/{id}/roster/{enrollment}/admit",
            &[("id", Course), ("enrollment", Waitlisted)],
        )
        .owner(
            StaffA,
            vec![hidden(StaffB), mixed(StaffB, &["id"], NotFound)],
        ),
        post(
            "/api/v1/courses/{id}/roster/{enrollment}/remove",
            &[("id", Course), ("enrollment", Removable)],
        )
        .json(|_| json!({"reason": "连续三次未到课"}))
        .owner(
            StaffA,
            vec![hidden(StaffB), mixed(StaffB, &["id"], NotFound)],
        ),
        post("/api/v1/courses/{id}/activation-codes", &[("id", Course)])
            .json(|_| json!({}))
            .owner(
                StaffA,
                vec![hidden(StaffB), forbidden(TraineeB), forbidden(TownViewer)],
            ),
        // ---- trainee imports
        get("/api/v1/imports/{id}", &[("id", TraineeImport)])
            .owner(StaffA, vec![hidden(StaffB), forbidden(TraineeB)]),
        post("/api/v1/imports/{id}/apply", &[("id", TraineeImport)])
            .owner(StaffA, vec![hidden(StaffB), forbidden(TraineeB)]),
        delete("/api/v1/imports/{id}", &[("id", TraineeImportToDiscard)])
            .owner(StaffA, vec![hidden(StaffB)]),
        // ---- attendance, scores, completion, check-in
        get("/api/v1/courses/{id}/attendance", &[("id", Course)]).owner(
            StaffA,
            vec![hidden(StaffB), forbidden(TraineeB), forbidden(TownViewer)],
        ),
        get("/api/v1/courses/{id}/attendance/overview", &[("id", Course)]).owner(
            StaffA,
            vec![hidden(StaffB), forbidden(TraineeB), forbidden(TownViewer)],
        ),
        put(
            "/api/v1/courses/{id}/sessions/{session}/attendance",
            &[("id", Course), ("session", SessionBegun)],
        )
        .json(|f| json!({"marks": [{"enrollment_id": f.a.enrolment, "status": "late"}]}))
        .owner(
            StaffA,
            vec![
                hidden(StaffB),
                mixed(StaffB, &["id"], NotFound),
                // Their own course and session, A's trainee in the marks.
                mixed(StaffB, &["id", "session"], Conflict),
            ],
        ),
        put(
            "/api/v1/courses/{id}/attendance/rows/{enrollment}",
            &[("id", Course), ("enrollment", RowEnrolment)],
        )
        .json(|_| json!({"status": "excused"}))
        .owner(
            StaffA,
            vec![hidden(StaffB), mixed(StaffB, &["id"], Conflict)],
        ),
        get("/api/v1/courses/{id}/attendance/template", &[("id", Course)])
            .owner(StaffA, vec![hidden(StaffB), forbidden(TraineeB)]),
        post("/api/v1/courses/{id}/attendance/imports", &[("id", Course)])
            .query("?file_name=attendance.csv")
            .file(|f| f.a.attendance_csv.clone().into_bytes())
            .owner(StaffA, vec![hidden(StaffB), forbidden(TraineeB)]),
        get(
            "/api/v1/courses/{id}/attendance/imports/{import}",
            &[("id", Course), ("import", AttendanceImport)],
        )
        .owner(
            StaffA,
            vec![hidden(StaffB), mixed(StaffB, &["id"], NotFound)],
        ),
        post(
            "/api/v1/courses/{id}/attendance/imports/{import}/apply",
            &[("id", Course), ("import", AttendanceImport)],
        )
        .owner(
            StaffA,
            vec![hidden(StaffB), mixed(StaffB, &["id"], NotFound)],
        ),
        delete(
            "/api/v1/courses/{id}/attendance/imports/{import}",
            &[("id", Course), ("import", AttendanceImportToDiscard)],
        )
        .owner(
            StaffA,
            vec![hidden(StaffB), mixed(StaffB, &["id"], NotFound)],
        ),
        get(
            "/api/v1/courses/{id}/sessions/{session}/checkin",
            &[("id", Course), ("session", SessionNow)],
        )
        .owner(
            StaffA,
            vec![
                hidden(StaffB),
                mixed(StaffB, &["id"], NotFound),
                forbidden(TraineeA),
            ],
        ),
        // With the code on the screen, another trainee is still not on the course.
        post("/api/v1/sessions/{session}/checkin", &[("session", SessionNow)])
            .json(|f| json!({"code": checkin::code_at(&f.keys, f.a.session_now, Utc::now())}))
            .owner(TraineeA, vec![mixed(TraineeB, &[], Conflict)]),
        get("/api/v1/courses/{id}/completion", &[("id", Course)]).owner(
            StaffA,
            vec![hidden(StaffB), forbidden(TraineeB), forbidden(TownViewer)],
        ),
        put("/api/v1/courses/{id}/scores", &[("id", Course)])
            .json(|f| json!({"scores": [{"enrollment_id": f.a.enrolment, "score": 88}]}))
            .owner(
                StaffA,
                vec![hidden(StaffB), mixed(StaffB, &["id"], Conflict)],
            ),
        // Completion waits for a course's last session (the running course has one to
        // come), so it is confirmed on the finished class, whose certified people it leaves.
        post("/api/v1/courses/{id}/completion", &[("id", Finished)])
            .owner(StaffA, vec![hidden(StaffB), forbidden(TraineeB)]),
        // ---- certificates
        get("/api/v1/certificates/{code}", &[("code", VerificationCode)]).public(
            Anonymous,
            "verification by the 160-bit code printed on the certificate only",
            &[("code", Nonexistent)],
        ),
        get("/api/v1/courses/{id}/certificates", &[("id", Finished)]).owner(
            StaffA,
            vec![hidden(StaffB), forbidden(TraineeA), forbidden(TownViewer)],
        ),
        post("/api/v1/courses/{id}/certificates", &[("id", Finished)])
            .owner(StaffA, vec![hidden(StaffB), forbidden(TraineeB)]),
        // After issuing, which it stops; bureau admins only.
        put("/api/v1/courses/{id}/certificates/provider", &[("id", Finished)])
            .json(|_| json!({"provider_issues": false}))
            .owner(Admin, vec![forbidden(StaffA), forbidden(StaffB)]),
        get("/api/v1/courses/{id}/certificates/zip", &[("id", Finished)])
            .owner(StaffA, vec![hidden(StaffB), forbidden(TraineeA)]),
        get("/api/v1/issued-certificates/{id}/pdf", &[("id", Certificate)]).owner(
            TraineeA,
            vec![hidden(TraineeB), hidden(StaffB), hidden(BaseStaffA)],
        ),
        // Bureau admins only, not the provider.
        post("/api/v1/issued-certificates/{id}/revoke", &[("id", CertificateToRevoke)])
            .json(|_| json!({"reason": "姓名有误"}))
            .owner(Admin, vec![forbidden(StaffA), forbidden(StaffB)]),
        post("/api/v1/issued-certificates/{id}/reissue", &[("id", CertificateToReissue)])
            .json(|_| json!({"reason": "姓名有误"}))
            .owner(Admin, vec![forbidden(StaffA), forbidden(StaffB)]),
        // ---- places and placements
        get("/api/v1/places/{id}", &[("id", Place)]).public(
            Anonymous,
            "an approved base's place is on the public places page",
            &[("id", Nonexistent)],
        ),
        put("/api/v1/places/{id}", &[("id", Place)])
            .json(|_| {
                serde_json::to_value(place_input("助农直播间（改）")).expect("a place as JSON")
            })
            .owner(BaseStaffA, vec![hidden(BaseStaffB), hidden(StaffB)]),
        post("/api/v1/places/{id}/status", &[("id", PlaceToClose)])
            .json(|_| json!({"status": "closed"}))
            .owner(BaseStaffA, vec![hidden(BaseStaffB), hidden(StaffB)]),
        get("/api/v1/places/{id}/applications", &[("id", Place)]).owner(
            BaseStaffA,
            vec![
                hidden(BaseStaffB),
                hidden(StaffA),
                forbidden(TraineeB),
                filtered(TownViewer),
            ],
        ),
        post("/api/v1/places/{id}/applications", &[("id", PlaceToApply)])
            .json(|_| json!({"statement": "想在基地开一家网店"}))
            .public(
                TraineeA,
                "any trainee applies for an open place; the application made is the \
                 caller's own",
                &[("id", Nonexistent)],
            ),
        post("/api/v1/placements/{id}/decision", &[("id", Application)])
            .json(|_| json!({"accept": true, "start_date": day(0), "station": "B-02"}))
            .owner(
                BaseStaffA,
                vec![hidden(BaseStaffB), hidden(StaffB), forbidden(TraineeA)],
            ),
        post("/api/v1/placements/{id}/end", &[("id", Placement)])
            .json(|_| json!({"status": "graduated", "end_date": day(0)}))
            .owner(BaseStaffA, vec![hidden(BaseStaffB), hidden(StaffB)]),
        // ---- people and outcomes
        get("/api/v1/people/{id}", &[("id", Person)]).owner(
            BaseStaffA,
            vec![
                hidden(BaseStaffB),
                hidden(StaffB),
                hidden(TownViewer),
                forbidden(TraineeB),
            ],
        ),
        post("/api/v1/people/{id}/outcomes", &[("id", PlacedPerson)])
            .json(|_| json!({"as_of": day(0), "kind": "employed", "employer": "禹州某电商公司"}))
            .owner(
                BaseStaffA,
                vec![hidden(BaseStaffB), hidden(StaffB), forbidden(TraineeB)],
            ),
        post("/api/v1/outcomes/{id}/verify", &[("id", Outcome)]).owner(
            BaseStaffA,
            vec![hidden(BaseStaffB), hidden(StaffB), forbidden(TraineeB)],
        ),
        // Bureau admins only.
        post("/api/v1/follow-ups/{id}", &[("id", FollowUp)])
            .json(|_| json!({"result": "unreachable", "note": "电话未接"}))
            .owner(
                Admin,
                vec![forbidden(StaffA), forbidden(StaffB), forbidden(TownViewer)],
            ),
        // ---- bases
        get("/api/v1/bases/{id}/kpis", &[("id", Base)]).owner(
            BaseStaffA,
            vec![hidden(BaseStaffB), hidden(StaffB), forbidden(TraineeB)],
        ),
        post("/api/v1/bases/{id}/events", &[("id", Base)])
            .json(|_| {
                json!({"title": "直播沙龙", "held_on": day(0), "kind": "salon", "participants": 20})
            })
            .owner(BaseStaffA, vec![hidden(BaseStaffB), hidden(StaffB)]),
        delete(
            "/api/v1/bases/{id}/events/{event}",
            &[("id", Base), ("event", BaseEvent)],
        )
        .owner(
            BaseStaffA,
            vec![hidden(BaseStaffB), mixed(BaseStaffB, &["id"], NotFound)],
        ),
        // ---- honour selections: rounds are the bureau's; nominations their nominator's
        get("/api/v1/selections/{id}", &[("id", Round)]).owner(
            StaffA,
            vec![
                filtered(StaffB),
                filtered(TraineeB),
                forbidden(TownViewer),
            ],
        ),
        put("/api/v1/selections/{id}", &[("id", Round)])
            .json(|f| serde_json::to_value(round_input(f.a.round_year)).expect("a round as JSON"))
            .owner(
                Admin,
                vec![forbidden(StaffA), forbidden(StaffB), forbidden(TraineeB)],
            ),
        // Another partner cannot put A's people forward.
        post("/api/v1/selections/{id}/nominations", &[("id", Round)])
            .json(|f| json!({"trainee_id": f.a.placed_person, "reason": "诚信经营，带动乡亲就业。"}))
            .owner(
                StaffA,
                vec![
                    mixed(StaffB, &[], Refusal::Invalid),
                    mixed(BaseStaffB, &[], Refusal::Invalid),
                ],
            ),
        post("/api/v1/nominations/{id}/score", &[("id", Nomination)])
            .json(|_| json!({"score": 88}))
            .owner(
                Admin,
                vec![forbidden(StaffA), forbidden(StaffB), forbidden(TraineeA)],
            ),
        post("/api/v1/nominations/{id}/violations", &[("id", Nomination)])
            .json(|_| {
                json!({"source": "12315投诉", "description": "发货延迟", "effect": "deduct",
                       "points": 2})
            })
            .owner(
                Admin,
                vec![forbidden(StaffA), forbidden(StaffB), forbidden(TraineeA)],
            ),
        post("/api/v1/selections/{id}/notice", &[("id", Round)])
            .json(|f| json!({"shortlist": [f.a.nomination]}))
            .owner(
                Admin,
                vec![forbidden(StaffA), forbidden(StaffB), forbidden(TraineeB)],
            ),
        post("/api/v1/selections/{id}/cancel", &[("id", Round)]).owner(
            Admin,
            vec![forbidden(StaffA), forbidden(StaffB), forbidden(TraineeB)],
        ),
        get("/api/v1/notices/{id}", &[("id", NoticeRound)]).public(
            Anonymous,
            "a shortlist on public notice (公示) is for everyone to read",
            &[("id", Round)],
        ),
        post("/api/v1/notices/{id}/objections", &[("id", NoticeRound)])
            .json(|_| {
                json!({"body": "请核实该候选人的售后情况。", "contact_name": "热心市民",
                       "contact_phone": "13711112222"})
            })
            .public(
                Anonymous,
                "anyone may object while a shortlist is on notice",
                &[("id", Nonexistent)],
            ),
        // Bureau admins only: the objection's contact details are theirs alone.
        post("/api/v1/objections/{id}/decision", &[("id", Objection)])
            .json(|_| json!({"upheld": false, "reply": "经核实，异议不成立。"}))
            .owner(
                Admin,
                vec![forbidden(StaffA), forbidden(StaffB), forbidden(TownViewer)],
            ),
        post("/api/v1/selections/{id}/publish", &[("id", EndedRound)]).owner(
            Admin,
            vec![forbidden(StaffA), forbidden(StaffB), forbidden(TraineeA)],
        ),
        // ---- lectures and salons: registrations are the event's; tickets their holder's
        get("/api/v1/courses/{id}/registrations", &[("id", Event)]).owner(
            StaffA,
            vec![hidden(StaffB), forbidden(TraineeB), forbidden(TownViewer)],
        ),
        post(
            "/api/v1/courses/{id}/registrations/{registration}/checkin",
            &[("id", Event), ("registration", Registration)],
        )
        .owner(
            StaffA,
            vec![
                hidden(StaffB),
                mixed(StaffB, &["id"], NotFound),
                forbidden(TraineeB),
            ],
        ),
        post("/api/v1/courses/{id}/registrations", &[("id", Event)])
            .json(|_| json!({"name": "路过的乡亲", "phone": "13611112222", "town_id": 1}))
            .public(
                Anonymous,
                "anyone registers for a lecture or salon with a name, phone and town",
                &[("id", Draft)],
            ),
        get("/api/v1/tickets/{code}", &[("code", Ticket)]).public(
            Anonymous,
            "the 128-bit code handed out at registration is the ticket",
            &[("code", Nonexistent)],
        ),
        post("/api/v1/tickets/{code}/cancel", &[("code", TicketToCancel)]).public(
            Anonymous,
            "whoever holds the ticket's 128-bit code may cancel it",
            &[("code", Nonexistent)],
        ),
        // Anyone in the room checks in with the screen's code and the phone they registered
        // with: the code and the phone are the proof, not an account.
        post("/api/v1/sessions/{session}/event-checkin", &[("session", EventSession)])
            .json(|f| {
                json!({"code": checkin::code_at(&f.keys, f.a.event_session, Utc::now()),
                       "phone": f.a.event_phone})
            })
            .owner(Anonymous, vec![]),
        // ---- livestream hosts: their agency's and the bureau's
        get("/api/v1/hosts/{id}", &[("id", Host)]).owner(
            BaseStaffA,
            vec![
                hidden(BaseStaffB),
                hidden(StaffB),
                hidden(TownViewer),
                forbidden(TraineeB),
            ],
        ),
        put("/api/v1/hosts/{id}", &[("id", Host)])
            .json(|f| {
                json!({"agency_id": f.a.base, "categories": ["farm_produce"], "monthly_sessions": 8,
                       "accounts": [{"platform": "douyin", "account_name": "助农直播间（示例）"}]})
            })
            .owner(
                BaseStaffA,
                vec![
                    hidden(BaseStaffB),
                    hidden(StaffB),
                    forbidden(TownViewer),
                    forbidden(TraineeB),
                ],
            ),
        // ---- messages: one's own inbox; the outbox is the bureau admins'
        get("/api/v1/me/messages/{id}", &[("id", Message)]).owner(
            TraineeA,
            vec![hidden(TraineeB), hidden(StaffA), hidden(Admin)],
        ),
        post("/api/v1/messages/{id}/retry", &[("id", FailedMessage)]).owner(
            Admin,
            vec![
                forbidden(StaffA),
                forbidden(TraineeA),
                forbidden(TownViewer),
            ],
        ),
        // ---- targets: bureau admins only
        delete("/api/v1/targets/{id}", &[("id", Target)])
            .owner(Admin, vec![forbidden(StaffA), forbidden(TownViewer)]),
    ]
}

/// One world's records.
struct World {
    /// The trainee's name: what a narrowed list must not show.
    name: String,
    staff: TestUser,
    base_staff: TestUser,
    trainee: TestUser,
    college: i32,
    pending_organisation: i32,
    agreement_to_confirm: i32,
    agreement_to_cancel: i32,
    course: i32,
    session_begun: i32,
    session_now: i32,
    enrolment: i32,
    row_enrolment: i32,
    waitlisted: i32,
    removable: i32,
    attendance_csv: String,
    attendance_import: i32,
    attendance_import_to_discard: i32,
    trainee_import: i32,
    trainee_import_to_discard: i32,
    draft: i32,
    draft_session: i32,
    draft_session_to_delete: i32,
    open_course: i32,
    course_to_withdraw: i32,
    finished: i32,
    certificate: i32,
    certificate_to_revoke: i32,
    certificate_to_reissue: i32,
    verification_code: String,
    person: i32,
    placed_person: i32,
    base: i32,
    place: i32,
    place_to_close: i32,
    place_to_apply: i32,
    application: i32,
    placement: i32,
    outcome: i32,
    base_event: i32,
    follow_up: i32,
    target: i32,
    round_year: i32,
    round: i32,
    nomination: i32,
    notice_round: i32,
    objection: i32,
    ended_round: i32,
    host: i32,
    event: i32,
    event_session: i32,
    registration: i32,
    ticket: String,
    ticket_to_cancel: String,
    /// The phone the first registration was made with.
    event_phone: String,
    message: i32,
    failed_message: i32,
}

impl World {
    fn id(&self, id: Id) -> String {
        let n = match id {
            Id::College => self.college,
            Id::PendingOrganisation => self.pending_organisation,
            Id::AgreementToConfirm => self.agreement_to_confirm,
            Id::AgreementToCancel => self.agreement_to_cancel,
            Id::Course => self.course,
            Id::SessionBegun => self.session_begun,
            Id::SessionNow => self.session_now,
            Id::RowEnrolment => self.row_enrolment,
            Id::Waitlisted => self.waitlisted,
            Id::Removable => self.removable,
            Id::AttendanceImport => self.attendance_import,
            Id::AttendanceImportToDiscard => self.attendance_import_to_discard,
            Id::TraineeImport => self.trainee_import,
            Id::TraineeImportToDiscard => self.trainee_import_to_discard,
            Id::Draft => self.draft,
            Id::DraftSession => self.draft_session,
            Id::DraftSessionToDelete => self.draft_session_to_delete,
            Id::OpenCourse => self.open_course,
            Id::CourseToWithdraw => self.course_to_withdraw,
            Id::Finished => self.finished,
            Id::Certificate => self.certificate,
            Id::CertificateToRevoke => self.certificate_to_revoke,
            Id::CertificateToReissue => self.certificate_to_reissue,
            Id::VerificationCode => return self.verification_code.clone(),
            Id::Person => self.person,
            Id::PlacedPerson => self.placed_person,
            Id::Base => self.base,
            Id::Place => self.place,
            Id::PlaceToClose => self.place_to_close,
            Id::PlaceToApply => self.place_to_apply,
            Id::Application => self.application,
            Id::Placement => self.placement,
            Id::Outcome => self.outcome,
            Id::BaseEvent => self.base_event,
            Id::FollowUp => self.follow_up,
            Id::Target => self.target,
            Id::Round => self.round,
            Id::Nomination => self.nomination,
            Id::NoticeRound => self.notice_round,
            Id::Objection => self.objection,
            Id::EndedRound => self.ended_round,
            Id::Host => self.host,
            Id::Event => self.event,
            Id::EventSession => self.event_session,
            Id::Registration => self.registration,
            Id::Ticket => return self.ticket.clone(),
            Id::TicketToCancel => return self.ticket_to_cancel.clone(),
            Id::Message => self.message,
            Id::FailedMessage => self.failed_message,
            Id::Nonexistent => i32::MAX,
        };
        n.to_string()
    }
}

struct Fixture {
    admin: TestUser,
    town_viewer: TestUser,
    keys: Arc<SecretKey>,
    a: World,
    b: World,
}

impl Fixture {
    fn user(&self, who: Who) -> Option<&TestUser> {
        Some(match who {
            Who::Anonymous => return None,
            Who::Admin => &self.admin,
            Who::TownViewer => &self.town_viewer,
            Who::StaffA => &self.a.staff,
            Who::BaseStaffA => &self.a.base_staff,
            Who::TraineeA => &self.a.trainee,
            Who::StaffB => &self.b.staff,
            Who::BaseStaffB => &self.b.base_staff,
            Who::TraineeB => &self.b.trainee,
        })
    }
}

fn draft_input() -> CourseInput {
    CourseInput {
        title: "越权测试草稿".into(),
        programme: Some(Programme::Rural),
        level: Some(CourseLevel::Entry),
        mode: Some(CourseMode::Online),
        capacity: Some(30),
        total_hours: Some(12.0),
        starts_on: Some(today() + Duration::days(30)),
        ends_on: Some(today() + Duration::days(31)),
        ..Default::default()
    }
}

fn round_input(year: i32) -> RoundInput {
    RoundInput {
        kind: Some(model::enums::SelectionKind::HonestHost),
        year: Some(year),
        title: format!("{year}年度诚信带货主播评选（越权测试）"),
        criteria: "守法经营、诚信带货".into(),
        notice_days: Some(7),
    }
}

fn place_input(title: &str) -> PlaceInput {
    PlaceInput {
        kind: Some(PlacementKind::Incubation),
        title: title.into(),
        description: "配备补光灯、声卡和手机支架".into(),
        requirements: String::new(),
        support: vec![Support::Equipment],
        capacity: Some(5),
        starts_on: Some(today()),
        ends_on: Some(today() + Duration::days(180)),
        requires_certificate: false,
        course_ids: Vec::new(),
    }
}

async fn trainee_row(db: &DatabaseConnection, user_id: i32) -> i32 {
    trainees::Entity::find()
        .filter(trainees::Column::UserId.eq(user_id))
        .one(db)
        .await
        .expect("read trainee")
        .expect("a profile")
        .id
}

async fn enrolment_of(db: &DatabaseConnection, course: i32, user_id: i32) -> i32 {
    let person = trainee_row(db, user_id).await;
    enrollments::Entity::find()
        .filter(enrollments::Column::CourseId.eq(course))
        .filter(enrollments::Column::TraineeId.eq(person))
        .one(db)
        .await
        .expect("read enrolment")
        .expect("an enrolment")
        .id
}

/// A course of `org` in `status`, inserted as it stands (the lifecycle has its own tests).
async fn course_of(
    db: &DatabaseConnection,
    org: i32,
    by: i32,
    status: CourseStatus,
    starts_on: NaiveDate,
    ends_on: NaiveDate,
) -> i32 {
    let now = Utc::now();
    courses::ActiveModel {
        organisation_id: Set(org),
        title: Set(format!("越权测试课程{starts_on}")),
        description: Set(String::new()),
        programme: Set(Programme::Rural.into()),
        industry_tags: Set(String::new()),
        level: Set(CourseLevel::Entry.into()),
        mode: Set(CourseMode::Onsite.into()),
        capacity: Set(10),
        seats_taken: Set(0),
        total_hours: Set(9.0),
        completion_threshold_pct: Set(80),
        assessed: Set(true),
        pass_mark: Set(Some(60.0)),
        starts_on: Set(starts_on),
        ends_on: Set(ends_on),
        funding: Set(Funding::Free.into()),
        status: Set(status.into()),
        created_by: Set(by),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .expect("insert course")
    .id
}

async fn session_of(db: &DatabaseConnection, course: i32, starts_at: chrono::DateTime<Utc>) -> i32 {
    course_sessions::ActiveModel {
        course_id: Set(course),
        starts_at: Set(starts_at),
        ends_at: Set(starts_at + Duration::hours(3)),
        topic: Set("直播选品".into()),
        hours: Set(3.0),
        ..Default::default()
    }
    .insert(db)
    .await
    .expect("insert session")
    .id
}

fn nine_on(offset: i64) -> chrono::DateTime<Utc> {
    at(
        today() + Duration::days(offset),
        NaiveTime::from_hms_opt(9, 0, 0).expect("time"),
    )
}

/// One world: `n` keeps its ID numbers, phones and targets apart from the other's.
async fn world(app: &TestApp, admin: &Actor, n: u32, name: &str) -> World {
    let db = &app.services.db;
    let svc = &app.services;
    let id_number = |k: u32| test_id_number("19900909", n * 100 + k);

    // The college: a finished class, certified by the bureau, the provider allowed to issue;
    // one more trainee completed since, still waiting for a certificate.
    let class = app.completed_class(3, &[name]).await;
    let finished = class.course;
    let college = courses::Entity::find_by_id(finished)
        .one(db)
        .await
        .expect("read course")
        .expect("the class")
        .organisation_id;
    let staff = app.staff(college, true).await;
    let staff_actor = app.actor(&staff).await;
    certificates::set_provider_issues(db, admin, finished, true)
        .await
        .expect("let the provider issue");
    certificates::issue_for_course(svc, admin, finished)
        .await
        .expect("issue certificates");
    let (late, _) = app.trainee(&format!("{name}迟"), &id_number(1)).await;
    app.bulk_enrolments(finished, &[late.id], EnrollmentStatus::Completed)
        .await;
    let Ok(
        [
            (trainee, trainee_actor),
            (placed, placed_actor),
            (third, _),
            _,
        ],
    ) = <[_; 4]>::try_from(class.trainees)
    else {
        panic!("four trainees")
    };
    let certificate_of = |user: i32| async move {
        let person = trainee_row(db, user).await;
        certificate_rows::Entity::find()
            .filter(certificate_rows::Column::CourseId.eq(finished))
            .filter(certificate_rows::Column::TraineeId.eq(person))
            .one(db)
            .await
            .expect("read certificate")
            .expect("a certificate")
    };
    let certificate = certificate_of(trainee.id).await;
    let person = trainee_row(db, trainee.id).await;
    let follow_up = follow_ups::Entity::find()
        .filter(follow_ups::Column::TraineeId.eq(person))
        .filter(follow_ups::Column::Status.eq(FollowUpStatus::Due.as_str()))
        .one(db)
        .await
        .expect("read follow-ups")
        .expect("a follow-up due")
        .id;

    // The running course: a session yesterday, one now, one the day after tomorrow; the
    // trainee and two classmates on it, someone waiting, someone imported.
    let course = course_of(
        db,
        college,
        staff.id,
        CourseStatus::Running,
        today() - Duration::days(1),
        today() + Duration::days(2),
    )
    .await;
    let session_begun = session_of(db, course, nine_on(-1)).await;
    let session_now = session_of(db, course, Utc::now() - Duration::minutes(10)).await;
    session_of(db, course, nine_on(2)).await;
    let (imported, _) = app.trainee(&format!("{name}导"), &id_number(2)).await;
    let (waiting, _) = app.trainee(&format!("{name}候"), &id_number(3)).await;
    app.bulk_enrolments(
        course,
        &[trainee.id, placed.id, third.id, imported.id],
        EnrollmentStatus::Enrolled,
    )
    .await;
    app.bulk_enrolments(course, &[waiting.id], EnrollmentStatus::Waitlisted)
        .await;
    let attendance_csv = format!("身份证号,{}\n{},到\n", day(-1), id_number(2));
    let attendance_preview = || async {
        attendance_import::preview(
            svc,
            &staff_actor,
            course,
            "考勤.csv",
            attendance_csv.as_bytes(),
        )
        .await
        .expect("an attendance preview")
    };
    let (attendance_import, attendance_import_to_discard) =
        (attendance_preview().await, attendance_preview().await);
    let roster_csv = format!(
        "姓名,身份证号,手机号,乡镇\n{name}新,{},1370000{n:04},颍川街道\n",
        id_number(4)
    );
    let trainee_preview = || async {
        imports::preview(svc, &staff_actor, None, "名单.csv", roster_csv.as_bytes())
            .await
            .expect("a trainee import preview")
    };
    let (trainee_import, trainee_import_to_discard) =
        (trainee_preview().await, trainee_preview().await);

    // A draft with two sessions; an open course; an open course the trainee is on.
    let draft = domain::courses::create(db, &staff_actor, draft_input())
        .await
        .expect("a draft");
    let session_input = |offset: i64| SessionInput {
        date: Some(today() + Duration::days(offset)),
        start_time: NaiveTime::from_hms_opt(9, 0, 0),
        end_time: NaiveTime::from_hms_opt(12, 0, 0),
        topic: "开店".into(),
        hours: Some(3.0),
        place: String::new(),
    };
    let draft_session = domain::courses::add_session(db, &staff_actor, draft, session_input(30))
        .await
        .expect("a session");
    let draft_session_to_delete =
        domain::courses::add_session(db, &staff_actor, draft, session_input(31))
            .await
            .expect("a session");
    let open_course = course_of(
        db,
        college,
        staff.id,
        CourseStatus::Open,
        today() + Duration::days(10),
        today() + Duration::days(10),
    )
    .await;
    session_of(db, open_course, nine_on(10)).await;
    let course_to_withdraw = course_of(
        db,
        college,
        staff.id,
        CourseStatus::Open,
        today() + Duration::days(5),
        today() + Duration::days(5),
    )
    .await;
    session_of(db, course_to_withdraw, nine_on(5)).await;
    domain::enrolment::enrol(db, &trainee_actor, course_to_withdraw)
        .await
        .expect("enrol");

    // The base: places, the trainee's application, a classmate placed who reported an
    // outcome, an event; agreements with the college.
    let base = app
        .organisation(
            OrganisationKind::IncubationBase,
            OrganisationStatus::Approved,
        )
        .await;
    let base_staff = app.staff(base, false).await;
    let base_actor = app.actor(&base_staff).await;
    let publish = |title: &'static str| {
        let base_actor = &base_actor;
        async move {
            placements::publish(db, base_actor, place_input(title))
                .await
                .expect("publish a place")
        }
    };
    let place = publish("助农直播间").await;
    let place_to_close = publish("电商孵化工位").await;
    let place_to_apply = publish("网店运营实训岗").await;
    let statement = || ApplyInput {
        statement: "想在基地学直播".into(),
    };
    let application = placements::apply(db, &trainee_actor, place, statement())
        .await
        .expect("apply");
    let placement = placements::apply(db, &placed_actor, place, statement())
        .await
        .expect("apply");
    placements::decide(
        db,
        &base_actor,
        placement,
        DecisionInput {
            accept: true,
            start_date: Some(today()),
            station: "A-01".into(),
            reason: String::new(),
        },
    )
    .await
    .expect("accept");
    let outcome = outcomes::report_own(
        db,
        &placed_actor,
        OutcomeInput {
            as_of: Some(today()),
            kind: Some(OutcomeKind::Employed),
            employer: "禹州某电商公司".into(),
            ..Default::default()
        },
    )
    .await
    .expect("report an outcome");
    let base_event = bases::record_event(
        db,
        &base_actor,
        base,
        BaseEventInput {
            held_on: Some(today()),
            kind: Some(BaseEventKind::Salon),
            title: "直播沙龙".into(),
            participants: Some(20),
            notes: String::new(),
        },
    )
    .await
    .expect("record an event");
    let agreement = || async {
        agreements::propose(
            db,
            &staff_actor,
            AgreementInput {
                partner_id: Some(base),
                kind: Some(AgreementKind::InternshipBase),
                starts_on: Some(today() - Duration::days(10)),
                ends_on: Some(today() + Duration::days(300)),
                places_offered: Some(10),
            },
        )
        .await
        .expect("propose an agreement")
    };
    let (agreement_to_confirm, agreement_to_cancel) = (agreement().await, agreement().await);
    let pending_organisation = app
        .organisation(OrganisationKind::College, OrganisationStatus::Pending)
        .await;
    let target = targets::set(
        db,
        admin,
        TargetInput {
            year: Some(today().year()),
            scope: Some(TargetScope::City),
            scope_value: String::new(),
            kpi: Some(if n == 1 {
                TargetKpi::Trained
            } else {
                TargetKpi::Certified
            }),
            value: Some(100),
        },
    )
    .await
    .expect("a target");

    // Honour selections: one taking nominations (the trainee put forward by the college),
    // one on notice with an objection, one whose notice is over.
    let round_year = 2020 + 3 * n as i32;
    let trainee_person = trainee_row(db, trainee.id).await;
    let put_forward = |round: i32, by: Actor| async move {
        selections::nominate(
            db,
            &by,
            round,
            NominationInput {
                trainee_id: Some(trainee_person),
                business_name: String::new(),
                reason: "诚信带货，零投诉。".into(),
            },
        )
        .await
        .expect("a nomination")
    };
    let on_notice = |year: i32| async move {
        let round = selections::open(db, admin, round_input(year))
            .await
            .expect("a round");
        let nominated = put_forward(round, admin.clone()).await;
        selections::score(
            db,
            admin,
            nominated,
            ScoreInput {
                score: Some(90),
                comment: String::new(),
            },
        )
        .await
        .expect("a score");
        selections::start_notice(
            db,
            admin,
            round,
            NoticeInput {
                shortlist: vec![nominated],
            },
        )
        .await
        .expect("on notice");
        (round, nominated)
    };
    let round = selections::open(db, admin, round_input(round_year))
        .await
        .expect("a round");
    let nomination = put_forward(round, staff_actor.clone()).await;
    let (notice_round, on_notice_nomination) = on_notice(round_year + 1).await;
    let objection = selections::object(
        svc,
        &Actor::anonymous(),
        notice_round,
        ObjectionInput {
            nomination_id: Some(on_notice_nomination),
            body: "请核实该候选人的直播记录。".into(),
            contact_name: "热心市民".into(),
            contact_phone: format!("1380000{n:04}"),
        },
    )
    .await
    .expect("an objection");
    let (ended_round, _) = on_notice(round_year + 2).await;
    entities::selection_rounds::Entity::update_many()
        .col_expr(
            entities::selection_rounds::Column::NoticeEndsAt,
            sea_orm::sea_query::Expr::value(Utc::now() - Duration::minutes(1)),
        )
        .filter(entities::selection_rounds::Column::Id.eq(ended_round))
        .exec(db)
        .await
        .expect("the notice is over");

    // The base registers the classmate placed with it as its livestream host.
    let host = hosts::register(
        db,
        &base_actor,
        HostInput {
            trainee_id: Some(trainee_row(db, placed.id).await),
            categories: vec![Industry::FarmProduce],
            accounts: vec![HostAccountInput {
                platform: Some(Platform::Douyin),
                account_name: format!("{name}的直播间（示例）"),
            }],
            ..HostInput::default()
        },
    )
    .await
    .expect("a host");

    // A salon of the college today, its session on now, two people registered.
    let event = course_of(db, college, staff.id, CourseStatus::Open, today(), today()).await;
    courses::Entity::update_many()
        .col_expr(
            courses::Column::Programme,
            sea_orm::sea_query::Expr::value(Programme::LectureSalon.as_str()),
        )
        .filter(courses::Column::Id.eq(event))
        .exec(db)
        .await
        .expect("a salon");
    let event_session = session_of(db, event, Utc::now() - Duration::minutes(10)).await;
    let event_phone = format!("1350000{n:04}");
    let register = |phone: String| async move {
        events::register(
            svc,
            &Actor::anonymous(),
            event,
            RegistrationInput {
                name: "参会者".into(),
                phone,
                town_id: Some(1),
            },
        )
        .await
        .expect("a registration")
    };
    let ticket = register(event_phone.clone()).await;
    let ticket_to_cancel = register(format!("1350001{n:04}")).await;
    let registration = entities::event_registrations::Entity::find()
        .filter(entities::event_registrations::Column::Code.eq(ticket.as_str()))
        .one(db)
        .await
        .expect("read")
        .expect("the registration")
        .id;

    // The trainee's inbox holds what their enrolments told them; one SMS to them failed.
    let message = entities::messages::Entity::find()
        .filter(entities::messages::Column::UserId.eq(trainee.id))
        .one(db)
        .await
        .expect("read")
        .expect("a message to the trainee")
        .id;
    let failed_message = entities::messages::ActiveModel {
        user_id: Set(Some(trainee.id)),
        phone: Set(Some(trainee.phone.clone())),
        channel: Set(model::messages::MessageChannel::Sms.into()),
        template: Set(model::messages::MessageTemplate::SeatGiven.into()),
        params: Set(r#"{"course":"直播选品"}"#.into()),
        locale: Set("zh-CN".into()),
        status: Set(model::messages::MessageStatus::Failed.into()),
        attempts: Set(6),
        next_attempt_at: Set(Utc::now()),
        idempotency_key: Set(format!("idor-{n}")),
        segments: Set(0),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await
    .expect("a failed message")
    .id;

    World {
        name: name.to_string(),
        message,
        failed_message,
        host,
        event,
        event_session,
        registration,
        ticket,
        ticket_to_cancel,
        event_phone,
        round_year,
        round,
        nomination,
        notice_round,
        objection,
        ended_round,
        college,
        pending_organisation,
        agreement_to_confirm,
        agreement_to_cancel,
        course,
        session_begun,
        session_now,
        enrolment: enrolment_of(db, course, trainee.id).await,
        row_enrolment: enrolment_of(db, course, placed.id).await,
        waitlisted: enrolment_of(db, course, waiting.id).await,
        removable: enrolment_of(db, course, third.id).await,
        attendance_csv,
        attendance_import,
        attendance_import_to_discard,
        trainee_import,
        trainee_import_to_discard,
        draft,
        draft_session,
        draft_session_to_delete,
        open_course,
        course_to_withdraw,
        finished,
        certificate: certificate.id,
        certificate_to_revoke: certificate_of(placed.id).await.id,
        certificate_to_reissue: certificate_of(third.id).await.id,
        verification_code: certificate.verification_code,
        person,
        placed_person: trainee_row(db, placed.id).await,
        base,
        place,
        place_to_close,
        place_to_apply,
        application,
        placement,
        outcome,
        base_event,
        follow_up,
        target,
        staff,
        base_staff,
        trainee,
    }
}

/// Every row of every table a request could change, each table's rows sorted, to tell whether
/// anything changed (login sessions aside: each request touches its own; towns and villages are
/// fixed).
async fn snapshot(db: &DatabaseConnection) -> Vec<(&'static str, Vec<String>)> {
    macro_rules! tables {
        ($($table:ident),* $(,)?) => {{
            let mut all = Vec::new();
            $(
                let mut rows: Vec<String> = entities::$table::Entity::find()
                    .all(db)
                    .await
                    .expect(stringify!($table))
                    .iter()
                    .map(|row| format!("{row:?}"))
                    .collect();
                rows.sort();
                all.push((stringify!($table), rows));
            )*
            all
        }};
    }
    tables!(
        agreements,
        attendance,
        audit_log,
        base_events,
        certificate_counters,
        certificates,
        course_sessions,
        courses,
        enrollments,
        event_registrations,
        follow_ups,
        host_accounts,
        hosts,
        imports,
        organisations,
        outcomes,
        place_courses,
        placements,
        places,
        selection_nominations,
        selection_objections,
        selection_rounds,
        selection_scores,
        selection_violations,
        targets,
        trainees,
        users,
    )
}

/// The tables that differ between two snapshots.
fn changed(
    before: &[(&'static str, Vec<String>)],
    after: &[(&'static str, Vec<String>)],
) -> Vec<&'static str> {
    before
        .iter()
        .zip(after)
        .filter(|(b, a)| b.1 != a.1)
        .map(|(b, _)| b.0)
        .collect()
}

async fn call(
    app: &TestApp,
    fx: &Fixture,
    who: Who,
    method: &Method,
    uri: &str,
    payload: &Payload,
) -> TestResponse {
    let mut builder = Request::builder()
        .method(method.clone())
        .uri(uri)
        .header(header::HOST, "127.0.0.1:3000");
    if let Some(user) = fx.user(who) {
        builder = builder.header(header::AUTHORIZATION, format!("Bearer {}", user.token));
    }
    let body = match payload {
        Payload::Empty => axum::body::Body::empty(),
        Payload::Json(body) => {
            builder = builder.header(header::CONTENT_TYPE, "application/json");
            axum::body::Body::from(body(fx).to_string())
        }
        Payload::File(bytes) => {
            builder = builder.header(header::CONTENT_TYPE, "application/octet-stream");
            axum::body::Body::from(bytes(fx))
        }
    };
    app.send(builder.body(body).expect("a request")).await
}

/// The path with A's ids, except the parameters in `own` (the stranger's world) and those
/// `overrides` names.
fn path_of(case: &Case, fx: &Fixture, own: &[&str], overrides: &[(&str, Id)]) -> String {
    let mut path = case.path.to_string();
    for (param, id) in case.ids {
        let id = overrides
            .iter()
            .find(|(p, _)| p == param)
            .map_or(*id, |(_, o)| *o);
        let world = if own.contains(param) { &fx.b } else { &fx.a };
        path = path.replace(&format!("{{{param}}}"), &world.id(id));
    }
    format!("{path}{}", case.query)
}

fn short(body: &str) -> String {
    body.chars().take(200).collect()
}

/// Operations of the OpenAPI document with a `{…}` parameter in their path.
fn documented_id_operations(doc: &Value) -> BTreeSet<(String, String)> {
    let mut found = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        if !path.contains('{') {
            continue;
        }
        for method in ["get", "put", "post", "delete", "patch"] {
            if item.get(method).is_some() {
                found.insert((method.to_uppercase(), path.clone()));
            }
        }
    }
    found
}

#[tokio::test]
async fn every_id_route_refuses_other_organisations_and_people_and_serves_the_owner() {
    let app = TestApp::new().await;
    let db = &app.services.db;
    let table = cases();
    let mut mismatches: Vec<String> = Vec::new();

    // 1. The table covers exactly the documented operations that take an id.
    let doc = app.get("/api/v1/openapi.json", None).await.json();
    let documented = documented_id_operations(&doc);
    let mut listed = BTreeSet::new();
    for case in &table {
        let key = (case.method.to_string(), case.path.to_string());
        if !listed.insert(key.clone()) {
            mismatches.push(format!("{} {}: listed twice", key.0, key.1));
        }
        let params = case.path.matches('{').count();
        if params != case.ids.len()
            || case
                .ids
                .iter()
                .any(|(p, _)| !case.path.contains(&format!("{{{p}}}")))
        {
            mismatches.push(format!(
                "{} {}: ids do not match the path's parameters",
                key.0, key.1
            ));
        }
    }
    for (method, path) in documented.difference(&listed) {
        mismatches.push(format!(
            "{method} {path}: documented, but not in the IDOR table"
        ));
    }
    for (method, path) in listed.difference(&documented) {
        mismatches.push(format!(
            "{method} {path}: in the IDOR table, but not documented"
        ));
    }

    // 2. Two worlds, a bureau admin, and a viewer of a town where none of A's people live.
    let admin = app.user(Role::BureauAdmin).await;
    let admin_actor = app.actor(&admin).await;
    let town_viewer = app.user(Role::BureauViewer).await;
    accounts::set_viewer_town(db, &admin_actor, town_viewer.id, Some(2))
        .await
        .expect("limit the viewer to town 2");
    let fx = Fixture {
        a: world(&app, &admin_actor, 1, "越权甲（示例）").await,
        b: world(&app, &admin_actor, 2, "越权乙（示例）").await,
        admin,
        town_viewer,
        keys: app.services.keys.clone(),
    };

    // 3. Strangers first, every record in its starting state: refused, nothing changed.
    let mut log = Vec::new();
    let mut baseline = snapshot(db).await;
    for case in &table {
        let name = format!("{} {}", case.method, case.path);
        let (attempts, bogus): (&[Attempt], _) = match &case.access {
            Access::Owned { strangers, .. } => (strangers.as_slice(), None),
            Access::Public { who, bogus, .. } => (&[], Some((*who, *bogus))),
        };
        for attempt in attempts {
            let uri = path_of(case, &fx, attempt.own, &[]);
            let res = call(&app, &fx, attempt.who, &case.method, &uri, &case.payload).await;
            let status = res.status.as_u16();
            let label = if attempt.own.is_empty() {
                format!("{:?}", attempt.who)
            } else {
                format!("{:?} (own {})", attempt.who, attempt.own.join(", "))
            };
            log.push(format!("{name}: {label} → {status}"));
            let wanted = match attempt.expect {
                Refusal::NotFound => 404,
                Refusal::Forbidden => 403,
                Refusal::Conflict => 409,
                Refusal::Filtered => 200,
                Refusal::Invalid => 422,
            };
            if status != wanted {
                mismatches.push(format!(
                    "{name} as {label} ({uri}): {status}, expected {wanted}: {}",
                    short(&res.body)
                ));
            }
            if attempt.expect == Refusal::Filtered {
                if res.body.contains(&fx.a.name) {
                    mismatches.push(format!("{name} as {label}: shows {}", fx.a.name));
                }
                // A narrowed read may be audited like any export: a new baseline.
                baseline = snapshot(db).await;
                continue;
            }
            let now = snapshot(db).await;
            let tables = changed(&baseline, &now);
            if !tables.is_empty() {
                mismatches.push(format!(
                    "{name} as {label} ({uri}) changed {}",
                    tables.join(", ")
                ));
                baseline = now;
            }
        }
        if let Some((who, bogus)) = bogus {
            let uri = path_of(case, &fx, &[], bogus);
            let res = call(&app, &fx, who, &case.method, &uri, &case.payload).await;
            log.push(format!("{name}: {who:?} with a bogus id → {}", res.status));
            if res.status != 404 {
                mismatches.push(format!(
                    "{name} as {who:?} ({uri}): {}, expected 404: {}",
                    res.status,
                    short(&res.body)
                ));
            }
            let now = snapshot(db).await;
            let tables = changed(&baseline, &now);
            if !tables.is_empty() {
                mismatches.push(format!("{name} ({uri}) changed {}", tables.join(", ")));
                baseline = now;
            }
        }
    }

    // 4. The owners, with the same ids, in the table's order: served.
    for case in &table {
        let name = format!("{} {}", case.method, case.path);
        let who = match &case.access {
            Access::Owned { owner, .. } => *owner,
            Access::Public { who, .. } => *who,
        };
        let uri = path_of(case, &fx, &[], &[]);
        let res = call(&app, &fx, who, &case.method, &uri, &case.payload).await;
        let control = match &case.access {
            Access::Public { reason, .. } => format!("public ({reason}): {who:?}"),
            Access::Owned { .. } => format!("owner {who:?}"),
        };
        log.push(format!("{name}: {control} → {}", res.status));
        if !res.status.is_success() {
            mismatches.push(format!(
                "{name} as the owner {who:?} ({uri}): {}, expected 2xx: {}",
                res.status,
                short(&res.body)
            ));
        }
        let narrowed = matches!(&case.access, Access::Owned { strangers, .. }
            if strangers.iter().any(|s| s.expect == Refusal::Filtered));
        if narrowed && !res.body.contains(&fx.a.name) {
            mismatches.push(format!(
                "{name} as the owner {who:?}: does not show {}, so its narrowing proves nothing",
                fx.a.name
            ));
        }
    }

    println!("{}", log.join("\n"));
    assert!(
        mismatches.is_empty(),
        "{} of the IDOR table's checks failed:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}
