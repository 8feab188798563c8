//! Importing trainees from a spreadsheet (partner staff and the bureau), optionally enrolling
//! them in a course.
//!
//! An upload is read and checked into a **preview**: every row valid or with its errors (bad
//! ID number, missing field, unknown town, the same person twice, a phone of another account,
//! already on the course, course full). Nothing is saved but the preview itself, whose rows
//! are sealed with the secret key (they hold ID numbers). **Applying** checks every row again
//! inside one write transaction and saves all of them or none; the preview is then cleared.
//!
//! Imported people get a trainee account with no usable password; they set one with the
//! activation code their provider prints ([`crate::activation`], [`crate::accounts::activate`])
//! or a code sent by SMS to the phone (`/reset`).
//!
//! An import never links a row to an account that already exists by phone: whoever signed up
//! with that number may not be the person listed. The row is left out (the preview says so,
//! and nothing about the account) and the number's holder is told, by SMS and in the inbox,
//! to complete their own profile and enrol.

use crate::accounts::{NO_PASSWORD, NewUser, insert_user};
use crate::audit::{self, Event};
use crate::db::{begin_write, is_unique_violation};
use crate::enrolment::{ACTIVE, lock_course};
use crate::entities::Coded;
use crate::entities::codes;
use crate::entities::{courses, enrollments, imports, towns, trainees, users};
use crate::identity::{
    encrypt_id_number, id_number_hash, mask_id_number, normalise_id_number, open_sealed,
    parse_id_number, seal,
};
use crate::local_time::format_time;
use crate::policy::{self, Operation, OrgScope};
use crate::rosters::{Download, check_manage};
use crate::sheets::{self, Cell, MAX_ROWS, MAX_UPLOAD_BYTES};
use crate::{Actor, DomainError, DomainResult, Services};
use chrono::{Duration, Utc};
use model::Role;
use model::accounts::{normalise_phone, phone_is_valid};
use model::audit::AuditAction;
use model::audit::AuditRecord;
use model::enums::{CourseStatus, EnrollmentStatus, Gender, ImportKind, ImportStatus};
use model::i18n::{Locale, Msg};
use model::imports::{
    ImportCourse, ImportHome, ImportResult, ImportRowView, ImportSummary, ImportView, PREVIEW_ROWS,
    RowIssue,
};
use model::messages::MessageTemplate;
use model::trainees::{Choice, EDUCATION, EXPERIENCE, PRIOR_STATUS};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

const PAYLOAD_PURPOSE: &str = "import-payload";
/// An import left "applying" this long (its server stopped) may be applied again.
const STALE_APPLY_MINUTES: i64 = 10;
/// Database lookups go in batches of this many values.
const CHUNK: usize = 500;

/// Rows done so far by imports being applied on this server instance.
#[derive(Default)]
pub struct ImportProgress(Mutex<HashMap<i32, u32>>);

impl ImportProgress {
    fn set(&self, id: i32, done: u32) {
        if let Ok(mut map) = self.0.lock() {
            map.insert(id, done);
        }
    }

    fn clear(&self, id: i32) {
        if let Ok(mut map) = self.0.lock() {
            map.remove(&id);
        }
    }

    fn get(&self, id: i32) -> Option<u32> {
        self.0.lock().ok().and_then(|m| m.get(&id).copied())
    }
}

/// The columns an import understands, and the headings that name them (compared without
/// spaces, brackets, asterisks or case).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Column {
    Name,
    IdNumber,
    Phone,
    Town,
    Village,
    Education,
    PriorStatus,
    Experience,
}

const HEADINGS: &[(Column, &[&str])] = &[
    (Column::Name, &["姓名", "name"]),
    (
        Column::IdNumber,
        &[
            "身份证号",
            "身份证号码",
            "公民身份号码",
            "身份证",
            "idnumber",
        ],
    ),
    (
        Column::Phone,
        &[
            "手机号",
            "手机号码",
            "手机",
            "联系电话",
            "电话",
            "phone",
            "mobile",
        ],
    ),
    (
        Column::Town,
        &["乡镇街道", "乡镇", "所在乡镇", "乡镇办", "town"],
    ),
    (Column::Village, &["村社区", "村", "村名", "village"]),
    (Column::Education, &["文化程度", "学历", "education"]),
    (
        Column::PriorStatus,
        &["培训前状况", "人员类别", "就业状况", "priorstatus"],
    ),
    (
        Column::Experience,
        &["电商经验", "电商基础", "ecommerceexperience", "experience"],
    ),
];

impl Column {
    const ALL: [Column; 8] = [
        Column::Name,
        Column::IdNumber,
        Column::Phone,
        Column::Town,
        Column::Village,
        Column::Education,
        Column::PriorStatus,
        Column::Experience,
    ];

    /// The heading of the import template (also understood in either language).
    fn label(self) -> Msg {
        match self {
            Column::Name => Msg::FieldName,
            Column::IdNumber => Msg::FieldIdNumber,
            Column::Phone => Msg::FieldPhone,
            Column::Town => Msg::FilterTown,
            Column::Village => Msg::FieldVillage,
            Column::Education => Msg::FieldEducation,
            Column::PriorStatus => Msg::FieldPriorStatus,
            Column::Experience => Msg::FieldExperience,
        }
    }

    fn is_named(self, heading: &str) -> bool {
        let label = self.label();
        normalise_heading(label.zh()) == heading
            || normalise_heading(label.en()) == heading
            || HEADINGS
                .iter()
                .any(|(c, names)| *c == self && names.contains(&heading))
    }
}

fn normalise_heading(h: &str) -> String {
    h.chars()
        .filter(|c| !c.is_whitespace() && !"*＊()（）_-".contains(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Where each known column is in the header row.
fn map_columns(header: &[String]) -> HashMap<Column, usize> {
    let mut found = HashMap::new();
    for (i, h) in header.iter().enumerate() {
        let h = normalise_heading(h);
        if let Some(col) = Column::ALL.iter().find(|c| c.is_named(&h)) {
            found.entry(*col).or_insert(i);
        }
    }
    found
}

/// One row as parsed and checked, as kept (sealed) between preview and apply.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub(crate) struct Row {
    line: u32,
    name: String,
    /// Normalised (upper-case X, no spaces); may be invalid.
    id_number: String,
    phone: String,
    town_id: Option<i32>,
    town: String,
    village: String,
    education: String,
    prior_status: String,
    experience: String,
    /// Problems in the row itself.
    errors: Vec<RowIssue>,
    /// Problems against the database, found again at every check.
    conflicts: Vec<RowIssue>,
    notes: Vec<RowIssue>,
}

impl Row {
    fn is_valid(&self) -> bool {
        self.errors.is_empty() && self.conflicts.is_empty()
    }

    fn view(&self) -> ImportRowView {
        ImportRowView {
            line: self.line,
            name: self.name.clone(),
            id_number_masked: if self.id_number.len() == 18 {
                mask_id_number(&self.id_number)
            } else {
                String::new()
            },
            phone: self.phone.clone(),
            town: self.town.clone(),
            errors: self.errors.iter().chain(&self.conflicts).cloned().collect(),
            notes: self.notes.clone(),
        }
    }
}

/// A coded choice given as its code or its label in either language; blank is allowed.
fn choice(choices: &[Choice], raw: &str, errors: &mut Vec<RowIssue>) -> String {
    let raw = raw.trim();
    if raw.is_empty() {
        return String::new();
    }
    let lower = raw.to_lowercase();
    match choices
        .iter()
        .find(|(code, msg)| *code == lower || msg.zh() == raw || msg.en().to_lowercase() == lower)
    {
        Some((code, _)) => code.to_string(),
        None => {
            errors.push(RowIssue::with(Msg::ErrImportUnknownChoice, raw));
            String::new()
        }
    }
}

/// A town named as in the list (颍川街道), without its suffix (颍川), or in English.
fn find_town(list: &[towns::Model], raw: &str) -> Option<i32> {
    let raw = raw.trim();
    let bare = |s: &str| {
        s.trim_end_matches("街道")
            .trim_end_matches('镇')
            .trim_end_matches('乡')
            .to_string()
    };
    let lower = raw.to_lowercase();
    list.iter()
        .find(|t| {
            t.name_zh == raw
                || bare(&t.name_zh) == bare(raw)
                || t.name_en.to_lowercase() == lower
                || t.code == lower
        })
        .map(|t| t.id)
}

pub(crate) fn parse_rows(
    sheet: &sheets::Sheet,
    town_list: &[towns::Model],
) -> DomainResult<Vec<Row>> {
    if sheet.rows.is_empty() {
        return Err(DomainError::field("file", Msg::ErrSheetEmpty));
    }
    let columns = map_columns(&sheet.header);
    if [Column::Name, Column::IdNumber, Column::Phone, Column::Town]
        .iter()
        .any(|c| !columns.contains_key(c))
    {
        return Err(DomainError::field("file", Msg::ErrImportColumns));
    }
    let mut rows = Vec::with_capacity(sheet.rows.len());
    let mut ids_seen: HashMap<String, u32> = HashMap::new();
    let mut phones_seen: HashMap<String, u32> = HashMap::new();
    for (line, cells) in &sheet.rows {
        let cell = |c: Column| {
            columns
                .get(&c)
                .and_then(|i| cells.get(*i))
                .cloned()
                .unwrap_or(Cell::Empty)
        };
        let text = |c: Column| cell(c).text();
        let mut row = Row {
            line: *line,
            name: text(Column::Name),
            village: text(Column::Village),
            ..Default::default()
        };
        let mut errors = Vec::new();
        if row.name.is_empty() {
            errors.push(RowIssue::new(Msg::ErrImportNameMissing));
        } else if row.name.chars().count() > 32 || row.name.chars().any(char::is_control) {
            errors.push(RowIssue::new(Msg::ErrImportNameInvalid));
        }
        // An 18-digit number stored as a number has lost its last digits.
        let id_cell = cell(Column::IdNumber);
        row.id_number = normalise_id_number(&id_cell.text());
        if matches!(id_cell, Cell::Number(_)) && row.id_number.len() >= 15 {
            errors.push(RowIssue::new(Msg::ErrImportIdAsNumber));
        } else if row.id_number.is_empty() {
            errors.push(RowIssue::new(Msg::ErrImportIdMissing));
        } else if row.id_number.len() != 18 {
            errors.push(RowIssue::new(Msg::ErrIdNumberFormat));
        } else if parse_id_number(&row.id_number).is_none() {
            errors.push(RowIssue::new(Msg::ErrIdNumberCheck));
        } else if let Some(first) = ids_seen.get(&row.id_number) {
            errors.push(RowIssue::with(Msg::ErrImportSamePerson, first));
        } else {
            ids_seen.insert(row.id_number.clone(), row.line);
        }
        row.phone = normalise_phone(&text(Column::Phone));
        if row.phone.is_empty() {
            errors.push(RowIssue::new(Msg::ErrImportPhoneMissing));
        } else if !phone_is_valid(&row.phone) {
            errors.push(RowIssue::new(Msg::ErrPhoneFormat));
        } else if let Some(first) = phones_seen.get(&row.phone) {
            errors.push(RowIssue::with(Msg::ErrImportSamePhone, first));
        } else {
            phones_seen.insert(row.phone.clone(), row.line);
        }
        let town = text(Column::Town);
        row.town_id = find_town(town_list, &town);
        match row.town_id {
            Some(id) => {
                row.town = town_list
                    .iter()
                    .find(|t| t.id == id)
                    .map(|t| t.name_zh.clone())
                    .unwrap_or_default()
            }
            None if town.is_empty() => errors.push(RowIssue::new(Msg::ErrImportTownMissing)),
            None => {
                errors.push(RowIssue::with(Msg::ErrImportUnknownTown, &town));
                row.town = town;
            }
        }
        if row.village.chars().count() > 50 {
            errors.push(RowIssue::new(Msg::ErrImportVillageInvalid));
        }
        row.education = choice(EDUCATION, &text(Column::Education), &mut errors);
        row.prior_status = choice(PRIOR_STATUS, &text(Column::PriorStatus), &mut errors);
        row.experience = choice(EXPERIENCE, &text(Column::Experience), &mut errors);
        row.errors = errors;
        rows.push(row);
    }
    Ok(rows)
}

/// What a valid row becomes when applied.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Person {
    /// Already a trainee (by ID number).
    Existing {
        trainee_id: i32,
    },
    /// A trainee account (by phone) without a profile yet: not linked; its holder is told.
    AskHolder {
        user_id: i32,
    },
    New,
}

/// Checks the rows against the database (people, phones, the course and its seats), again
/// at apply time inside the transaction. Returns what each row becomes.
async fn check_against(
    db: &impl ConnectionTrait,
    keys: &crate::keys::SecretKey,
    rows: &mut [Row],
    course: Option<&courses::Model>,
) -> DomainResult<Vec<Person>> {
    let hashes: Vec<String> = rows
        .iter()
        .map(|r| {
            if r.errors.is_empty() {
                id_number_hash(keys, &r.id_number)
            } else {
                String::new()
            }
        })
        .collect();
    let mut by_hash: HashMap<String, (i32, i32)> = HashMap::new();
    for chunk in hashes.chunks(CHUNK) {
        let found: Vec<(i32, i32, String)> = trainees::Entity::find()
            .select_only()
            .columns([
                trainees::Column::Id,
                trainees::Column::UserId,
                trainees::Column::IdNumberHash,
            ])
            .filter(trainees::Column::IdNumberHash.is_in(chunk.iter().filter(|h| !h.is_empty())))
            .into_tuple()
            .all(db)
            .await?;
        for (id, user_id, hash) in found {
            by_hash.insert(hash, (id, user_id));
        }
    }
    let phones: Vec<&str> = rows.iter().map(|r| r.phone.as_str()).collect();
    let mut by_phone: HashMap<String, (i32, Role)> = HashMap::new();
    for chunk in phones.chunks(CHUNK) {
        let found: Vec<(i32, String, Coded<Role>)> = users::Entity::find()
            .select_only()
            .columns([users::Column::Id, users::Column::Phone, users::Column::Role])
            .filter(users::Column::Phone.is_in(chunk.iter().copied()))
            .into_tuple()
            .all(db)
            .await?;
        for (id, phone, role) in found {
            by_phone.insert(phone, (id, *role));
        }
    }
    let phone_users: Vec<i32> = by_phone.values().map(|(id, _)| *id).collect();
    let mut with_profile: HashSet<i32> = HashSet::new();
    for chunk in phone_users.chunks(CHUNK) {
        let found: Vec<i32> = trainees::Entity::find()
            .select_only()
            .column(trainees::Column::UserId)
            .filter(trainees::Column::UserId.is_in(chunk.iter().copied()))
            .into_tuple()
            .all(db)
            .await?;
        with_profile.extend(found);
    }
    let mut people = Vec::with_capacity(rows.len());
    for (row, hash) in rows.iter_mut().zip(&hashes) {
        row.conflicts.clear();
        row.notes.clear();
        let person = if !row.errors.is_empty() {
            Person::New
        } else if let Some((trainee_id, user_id)) = by_hash.get(hash) {
            let same_phone = by_phone.get(&row.phone).is_some_and(|(u, _)| u == user_id);
            row.notes.push(RowIssue::new(if same_phone {
                Msg::ImportNoteExisting
            } else {
                Msg::ImportNoteExistingOtherPhone
            }));
            Person::Existing {
                trainee_id: *trainee_id,
            }
        } else {
            match by_phone.get(&row.phone) {
                Some((user_id, Role::Trainee)) if !with_profile.contains(user_id) => {
                    row.notes.push(RowIssue::new(Msg::ImportNoteAsksHolder));
                    Person::AskHolder { user_id: *user_id }
                }
                Some(_) => {
                    row.conflicts.push(RowIssue::new(Msg::ErrImportPhoneTaken));
                    Person::New
                }
                None => Person::New,
            }
        };
        people.push(person);
    }
    if let Some(course) = course {
        let existing: Vec<i32> = people
            .iter()
            .filter_map(|p| match p {
                Person::Existing { trainee_id } => Some(*trainee_id),
                _ => None,
            })
            .collect();
        let mut on_course: HashSet<i32> = HashSet::new();
        for chunk in existing.chunks(CHUNK) {
            let found: Vec<i32> = enrollments::Entity::find()
                .select_only()
                .column(enrollments::Column::TraineeId)
                .filter(enrollments::Column::CourseId.eq(course.id))
                .filter(enrollments::Column::TraineeId.is_in(chunk.iter().copied()))
                .filter(
                    enrollments::Column::Status
                        .is_in(codes([
                            EnrollmentStatus::Completed,
                            EnrollmentStatus::NotCompleted,
                        ]))
                        .or(enrollments::Column::Status.is_in(codes(ACTIVE))),
                )
                .into_tuple()
                .all(db)
                .await?;
            on_course.extend(found);
        }
        let mut free = std::cmp::max(course.capacity - course.seats_taken, 0);
        for (row, person) in rows.iter_mut().zip(&people) {
            if let Person::Existing { trainee_id } = person
                && on_course.contains(trainee_id)
            {
                row.conflicts
                    .push(RowIssue::new(Msg::ErrImportAlreadyOnCourse));
            }
            if row.is_valid() && !matches!(person, Person::AskHolder { .. }) {
                if free > 0 {
                    free -= 1;
                } else {
                    row.conflicts.push(RowIssue::new(Msg::ErrImportCourseFull));
                }
            }
        }
    }
    Ok(people)
}

fn seal_rows(svc: &Services, rows: &[Row]) -> DomainResult<String> {
    let json = serde_json::to_vec(rows)
        .map_err(|e| DomainError::Internal(format!("import payload: {e}")))?;
    Ok(seal(&svc.keys, PAYLOAD_PURPOSE, &json))
}

fn open_rows(svc: &Services, import: &imports::Model) -> DomainResult<Vec<Row>> {
    let Some(payload) = &import.payload else {
        return Ok(Vec::new());
    };
    let json = open_sealed(&svc.keys, PAYLOAD_PURPOSE, payload)?;
    serde_json::from_slice(&json).map_err(|e| DomainError::Internal(format!("import payload: {e}")))
}

/// An uploaded file's name as kept: without its folder or control characters, at most 100
/// characters.
pub(crate) fn clean_file_name(file_name: &str) -> String {
    file_name
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_control())
        .take(100)
        .collect()
}

/// Who may import: bureau admins, and staff of an approved partner.
async fn check_may_import(db: &impl ConnectionTrait, actor: &Actor) -> DomainResult<OrgScope> {
    let scope = policy::org_scope(actor, Operation::ImportTrainees)?;
    if let OrgScope::Own(org) = scope {
        policy::check_standing(crate::partners::facts(db, org).await?.status)?;
    }
    Ok(scope)
}

/// The import, if the actor may see it (their organisation's, or any for the bureau).
async fn visible(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i32,
) -> DomainResult<imports::Model> {
    let scope = policy::org_scope(actor, Operation::ImportTrainees)?;
    let import = imports::Entity::find_by_id(id)
        .filter(imports::Column::Kind.eq(ImportKind::Trainees.as_str()))
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let mine = match scope {
        OrgScope::All => true,
        OrgScope::Own(org) => import.organisation_id == Some(org),
    };
    if mine {
        Ok(import)
    } else {
        Err(DomainError::NotFound)
    }
}

/// Reads and checks an uploaded file into a preview; returns the import's id. Nothing but the
/// preview is saved.
pub async fn preview(
    svc: &Services,
    actor: &Actor,
    course_id: Option<i32>,
    file_name: &str,
    bytes: &[u8],
) -> DomainResult<i32> {
    let db = &svc.db;
    check_may_import(db, actor).await?;
    let course = match course_id {
        Some(id) => {
            check_manage(db, actor, id).await?;
            Some(crate::courses::load(db, id).await?.0)
        }
        None => None,
    };
    if bytes.is_empty() {
        return Err(DomainError::field("file", Msg::ErrFileRequired));
    }
    let sheet = sheets::read(bytes)?;
    let town_list = crate::towns::list(db).await?;
    let mut rows = parse_rows(&sheet, &town_list)?;
    check_against(db, &svc.keys, &mut rows, course.as_ref()).await?;
    let valid = rows.iter().filter(|r| r.is_valid()).count();
    let file_name = clean_file_name(file_name);
    let row = imports::ActiveModel {
        created_by: Set(actor.user_id().ok_or(DomainError::Unauthenticated)?),
        organisation_id: Set(actor.organisation_id()),
        course_id: Set(course_id),
        file_name: Set(file_name),
        kind: Set(ImportKind::Trainees.into()),
        status: Set(ImportStatus::Previewed.into()),
        total_rows: Set(rows.len() as i32),
        valid_rows: Set(valid as i32),
        payload: Set(Some(seal_rows(svc, &rows)?)),
        result: Set(None),
        created_at: Set(Utc::now()),
        finished_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

/// An import's preview, progress or result.
pub async fn view(svc: &Services, actor: &Actor, id: i32) -> DomainResult<ImportView> {
    let import = visible(&svc.db, actor, id).await?;
    let rows = open_rows(svc, &import)?;
    let mut shown: Vec<ImportRowView> = rows
        .iter()
        .filter(|r| !r.is_valid())
        .map(Row::view)
        .collect();
    shown.extend(
        rows.iter()
            .filter(|r| r.is_valid())
            .take(PREVIEW_ROWS)
            .map(Row::view),
    );
    let course_title = match import.course_id {
        Some(c) => courses::Entity::find_by_id(c)
            .one(&svc.db)
            .await?
            .map(|c| c.title),
        None => None,
    };
    Ok(ImportView {
        id: import.id,
        file_name: import.file_name.clone(),
        status: *import.status,
        course_id: import.course_id,
        course_title,
        total_rows: import.total_rows as u32,
        valid_rows: import.valid_rows as u32,
        rows: shown,
        progress: svc.imports.get(import.id),
        result: import
            .result
            .as_deref()
            .and_then(|r| serde_json::from_str(r).ok()),
        can_apply: import.status == ImportStatus::Previewed
            && import.total_rows > 0
            && import.valid_rows == import.total_rows,
        created_at: format_time(import.created_at),
    })
}

/// Claims a previewed import for applying (a second click, or a second server, gets
/// "already applied"). Call [`apply`] next.
pub async fn begin_apply(db: &DatabaseConnection, actor: &Actor, id: i32) -> DomainResult<()> {
    check_may_import(db, actor).await?;
    let import = visible(db, actor, id).await?;
    if import.valid_rows != import.total_rows {
        return Err(DomainError::Conflict(Msg::ErrImportHasErrors));
    }
    let now = Utc::now();
    // While applying, `finished_at` holds when applying began.
    let claimed = imports::Entity::update_many()
        .col_expr(
            imports::Column::Status,
            Expr::value(ImportStatus::Applying.as_str()),
        )
        .col_expr(imports::Column::FinishedAt, Expr::value(now))
        .filter(imports::Column::Id.eq(id))
        .filter(
            Condition::any()
                .add(imports::Column::Status.eq(ImportStatus::Previewed.as_str()))
                .add(
                    Condition::all()
                        .add(imports::Column::Status.eq(ImportStatus::Applying.as_str()))
                        .add(
                            imports::Column::FinishedAt
                                .lt(now - Duration::minutes(STALE_APPLY_MINUTES)),
                        ),
                ),
        )
        .exec(db)
        .await?
        .rows_affected;
    if claimed == 1 {
        Ok(())
    } else {
        Err(DomainError::Conflict(Msg::ErrImportNotPending))
    }
}

/// Puts a claimed import back to "previewed" (nothing was saved), with the rows as last
/// checked.
async fn unclaim(svc: &Services, id: i32, rows: Option<&[Row]>) -> DomainResult<()> {
    let mut update = imports::Entity::update_many()
        .col_expr(
            imports::Column::Status,
            Expr::value(ImportStatus::Previewed.as_str()),
        )
        .col_expr(
            imports::Column::FinishedAt,
            Expr::value(Option::<chrono::DateTime<Utc>>::None),
        )
        .filter(imports::Column::Id.eq(id))
        .filter(imports::Column::Status.eq(ImportStatus::Applying.as_str()));
    if let Some(rows) = rows {
        let valid = rows.iter().filter(|r| r.is_valid()).count() as i32;
        update = update
            .col_expr(imports::Column::ValidRows, Expr::value(valid))
            .col_expr(imports::Column::Payload, Expr::value(seal_rows(svc, rows)?));
    }
    update.exec(&svc.db).await?;
    svc.imports.clear(id);
    Ok(())
}

/// Applies a claimed import: every row checked again and saved in one transaction, or
/// nothing saved and the import back to its preview with the new errors.
pub async fn apply(svc: &Services, actor: &Actor, id: i32) -> DomainResult<ImportResult> {
    let import = visible(&svc.db, actor, id).await?;
    if import.status != ImportStatus::Applying {
        return Err(DomainError::Conflict(Msg::ErrImportNotPending));
    }
    let mut rows = open_rows(svc, &import)?;
    match apply_rows(svc, actor, &import, &mut rows).await {
        Ok(result) => {
            svc.imports.clear(id);
            Ok(result)
        }
        Err(ApplyError::Rows) => {
            unclaim(svc, id, Some(&rows)).await?;
            Err(DomainError::Conflict(Msg::ErrImportChanged))
        }
        Err(ApplyError::Domain(e)) => {
            unclaim(svc, id, None).await?;
            Err(e)
        }
    }
}

enum ApplyError {
    /// Some rows are no longer valid (someone registered, the course filled up…).
    Rows,
    Domain(DomainError),
}

impl<E: Into<DomainError>> From<E> for ApplyError {
    fn from(e: E) -> Self {
        ApplyError::Domain(e.into())
    }
}

async fn apply_rows(
    svc: &Services,
    actor: &Actor,
    import: &imports::Model,
    rows: &mut [Row],
) -> Result<ImportResult, ApplyError> {
    let txn = begin_write(&svc.db).await?;
    let course = match import.course_id {
        Some(course_id) => {
            let course = lock_course(&txn, course_id).await?;
            if !matches!(
                *course.status,
                CourseStatus::Approved | CourseStatus::Open | CourseStatus::Running
            ) {
                return Err(ApplyError::Domain(DomainError::Conflict(
                    Msg::ErrRosterClosed,
                )));
            }
            Some(course)
        }
        None => None,
    };
    let people = check_against(&txn, &svc.keys, rows, course.as_ref()).await?;
    if rows.iter().any(|r| !r.is_valid()) {
        return Err(ApplyError::Rows);
    }
    let now = Utc::now();
    let mut result = ImportResult::default();
    for (done, (row, person)) in rows.iter().zip(&people).enumerate() {
        let trainee_id = match *person {
            Person::Existing { trainee_id } => {
                result.existing += 1;
                trainee_id
            }
            Person::AskHolder { user_id } => {
                let org = match import.organisation_id {
                    Some(org) => crate::partners::names(&txn, [org]).await?.remove(&org),
                    None => None,
                };
                let org = org.unwrap_or_else(|| svc.certificates.issuer.clone());
                crate::messages::notify(
                    &txn,
                    user_id,
                    MessageTemplate::ImportAskHolder,
                    &[("org", org)],
                )
                .await?;
                result.asked += 1;
                continue;
            }
            Person::New => {
                let user = match insert_user(
                    &txn,
                    NewUser {
                        phone: &row.phone,
                        role: Role::Trainee,
                        display_name: Some(&row.name),
                        organisation_id: None,
                        town_id: row.town_id,
                    },
                    NO_PASSWORD,
                )
                .await
                {
                    Ok(user) => user,
                    // Someone registered this phone since the check.
                    Err(DomainError::Invalid(_)) => return Err(ApplyError::Rows),
                    Err(e) => return Err(e.into()),
                };
                let id = insert_trainee(svc, &txn, user.id, row, now).await?;
                result.created += 1;
                id
            }
        };
        if !matches!(person, Person::Existing { .. }) {
            audit::record(
                &txn,
                actor,
                Event {
                    action: AuditAction::TraineeImported,
                    entity: AuditRecord::Trainee,
                    entity_id: Some(trainee_id.to_string()),
                    detail: Some(serde_json::json!({ "import_id": import.id })),
                },
            )
            .await?;
        }
        if let Some(course) = &course {
            enrol_imported(&txn, actor, course.id, trainee_id, import.id, now).await?;
            result.enrolled += 1;
        }
        if done % 50 == 0 {
            svc.imports.set(import.id, done as u32);
        }
    }
    if let Some(course) = &course {
        let k = result.enrolled as i32;
        let seats = courses::Entity::update_many()
            .col_expr(
                courses::Column::SeatsTaken,
                Expr::col(courses::Column::SeatsTaken).add(k),
            )
            .filter(courses::Column::Id.eq(course.id))
            .filter(
                Expr::col(courses::Column::SeatsTaken)
                    .add(k)
                    .lte(Expr::col(courses::Column::Capacity)),
            )
            .exec(&txn)
            .await?
            .rows_affected;
        if seats != 1 {
            return Err(ApplyError::Rows);
        }
    }
    let result_json = serde_json::to_string(&result)
        .map_err(|e| DomainError::Internal(format!("import result: {e}")))?;
    audit::record(
        &txn,
        actor,
        Event {
            action: AuditAction::ImportApplied,
            entity: AuditRecord::Import,
            entity_id: Some(import.id.to_string()),
            detail: Some(serde_json::json!({
                "course_id": import.course_id,
                "created": result.created,
                "existing": result.existing,
                "enrolled": result.enrolled,
                "asked": result.asked,
            })),
        },
    )
    .await?;
    imports::Entity::update_many()
        .col_expr(
            imports::Column::Status,
            Expr::value(ImportStatus::Applied.as_str()),
        )
        .col_expr(
            imports::Column::Payload,
            Expr::value(Option::<String>::None),
        )
        .col_expr(imports::Column::Result, Expr::value(result_json))
        .col_expr(imports::Column::FinishedAt, Expr::value(Utc::now()))
        .filter(imports::Column::Id.eq(import.id))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(result)
}

async fn insert_trainee(
    svc: &Services,
    txn: &impl ConnectionTrait,
    user_id: i32,
    row: &Row,
    now: chrono::DateTime<Utc>,
) -> Result<i32, ApplyError> {
    let facts = parse_id_number(&row.id_number).ok_or(ApplyError::Rows)?;
    let inserted = trainees::ActiveModel {
        user_id: Set(user_id),
        name: Set(row.name.clone()),
        id_number_cipher: Set(encrypt_id_number(&svc.keys, &row.id_number)),
        id_number_hash: Set(id_number_hash(&svc.keys, &row.id_number)),
        id_number_masked: Set(mask_id_number(&row.id_number)),
        gender: Set(if facts.male {
            Coded(Gender::Male)
        } else {
            Coded(Gender::Female)
        }),
        birth_date: Set(facts.birth_date),
        town_id: Set(row.town_id.ok_or(ApplyError::Rows)?),
        village: Set(Some(row.village.clone()).filter(|v| !v.is_empty())),
        education: Set(row.education.clone()),
        prior_status: Set(row.prior_status.clone()),
        ecommerce_experience: Set(row.experience.clone()),
        // Consent collected on paper by the importing organisation.
        consent_at: Set(now),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await;
    match inserted {
        Ok(t) => Ok(t.id),
        Err(e) if is_unique_violation(&e) => Err(ApplyError::Rows),
        Err(e) => Err(e.into()),
    }
}

async fn enrol_imported(
    txn: &impl ConnectionTrait,
    actor: &Actor,
    course_id: i32,
    trainee_id: i32,
    import_id: i32,
    now: chrono::DateTime<Utc>,
) -> Result<(), ApplyError> {
    let old = enrollments::Entity::find()
        .filter(enrollments::Column::CourseId.eq(course_id))
        .filter(enrollments::Column::TraineeId.eq(trainee_id))
        .one(txn)
        .await?;
    let id = match old {
        // Withdrawn or removed before: back on the course.
        Some(old) => {
            let mut active = old.into_active_model();
            active.status = Set(EnrollmentStatus::Enrolled.into());
            active.waitlist_position = Set(None);
            active.enrolled_at = Set(now);
            active.status_changed_at = Set(now);
            active.removed_reason = Set(None);
            active.update(txn).await?.id
        }
        None => {
            enrollments::ActiveModel {
                course_id: Set(course_id),
                trainee_id: Set(trainee_id),
                status: Set(EnrollmentStatus::Enrolled.into()),
                waitlist_position: Set(None),
                score: Set(None),
                attended_hours: Set(0.0),
                enrolled_at: Set(now),
                status_changed_at: Set(now),
                completed_at: Set(None),
                removed_reason: Set(None),
                ..Default::default()
            }
            .insert(txn)
            .await?
            .id
        }
    };
    audit::record(
        txn,
        actor,
        Event {
            action: AuditAction::EnrolmentImported,
            entity: AuditRecord::Enrollment,
            entity_id: Some(id.to_string()),
            detail: Some(serde_json::json!({ "course_id": course_id, "import_id": import_id })),
        },
    )
    .await?;
    Ok(())
}

/// Drops a preview that will not be applied (its rows are deleted).
pub async fn discard(db: &DatabaseConnection, actor: &Actor, id: i32) -> DomainResult<()> {
    visible(db, actor, id).await?;
    discard_pending(db, id).await
}

/// Marks a previewed import (of any kind) discarded and drops its rows; an import already
/// applied or discarded is refused.
pub(crate) async fn discard_pending(db: &DatabaseConnection, id: i32) -> DomainResult<()> {
    let done = imports::Entity::update_many()
        .col_expr(
            imports::Column::Status,
            Expr::value(ImportStatus::Discarded.as_str()),
        )
        .col_expr(
            imports::Column::Payload,
            Expr::value(Option::<String>::None),
        )
        .col_expr(imports::Column::FinishedAt, Expr::value(Utc::now()))
        .filter(imports::Column::Id.eq(id))
        .filter(imports::Column::Status.eq(ImportStatus::Previewed.as_str()))
        .exec(db)
        .await?
        .rows_affected;
    if done == 1 {
        Ok(())
    } else {
        Err(DomainError::Conflict(Msg::ErrImportNotPending))
    }
}

/// The import page: recent imports in the actor's scope and the courses they may import into.
pub async fn home(db: &DatabaseConnection, actor: &Actor) -> DomainResult<ImportHome> {
    let scope = check_may_import(db, actor).await?;
    let mut recent_q =
        imports::Entity::find().filter(imports::Column::Kind.eq(ImportKind::Trainees.as_str()));
    let mut courses_q = courses::Entity::find().filter(courses::Column::Status.is_in(codes([
        CourseStatus::Approved,
        CourseStatus::Open,
        CourseStatus::Running,
    ])));
    if let OrgScope::Own(org) = scope {
        recent_q = recent_q.filter(imports::Column::OrganisationId.eq(org));
        courses_q = courses_q.filter(courses::Column::OrganisationId.eq(org));
    }
    let recent = recent_q
        .order_by_desc(imports::Column::Id)
        .limit(20)
        .all(db)
        .await?;
    let course_list = courses_q
        .order_by_desc(courses::Column::StartsOn)
        .limit(300)
        .all(db)
        .await?;
    let titles: HashMap<i32, String> = course_list
        .iter()
        .map(|c| (c.id, c.title.clone()))
        .collect();
    let missing: Vec<i32> = recent
        .iter()
        .filter_map(|i| i.course_id)
        .filter(|c| !titles.contains_key(c))
        .collect();
    let mut titles = titles;
    for c in courses::Entity::find()
        .filter(courses::Column::Id.is_in(missing))
        .all(db)
        .await?
    {
        titles.insert(c.id, c.title);
    }
    Ok(ImportHome {
        recent: recent
            .into_iter()
            .map(|i| ImportSummary {
                id: i.id,
                course_title: i.course_id.and_then(|c| titles.get(&c).cloned()),
                file_name: i.file_name,
                status: *i.status,
                total_rows: i.total_rows as u32,
                valid_rows: i.valid_rows as u32,
                created_at: format_time(i.created_at),
            })
            .collect(),
        courses: course_list
            .into_iter()
            .map(|c| ImportCourse {
                id: c.id,
                title: c.title,
                free_seats: std::cmp::max(c.capacity - c.seats_taken, 0),
            })
            .collect(),
        max_rows: MAX_ROWS as u32,
        max_megabytes: (MAX_UPLOAD_BYTES / (1024 * 1024)) as u32,
    })
}

/// An empty sheet with the headings an import understands, in the viewer's language.
pub fn template(locale: Locale) -> DomainResult<Download> {
    let header: Vec<&str> = Column::ALL.iter().map(|c| locale.t(c.label())).collect();
    Ok(Download {
        file_name: format!("{}.xlsx", locale.t(Msg::ImportTemplateName)),
        content_type: crate::rosters::ExportFormat::Xlsx.content_type(),
        body: crate::rosters::DownloadBody::Whole(sheets::write_xlsx(
            locale.t(Msg::ImportTemplateName),
            &header,
            &[],
        )?),
    })
}
