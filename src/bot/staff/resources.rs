//! Verified resources, for staff: supervisors add them (`/addresource`, a guided dialogue),
//! re-confirm them (`/checked R`) and set their status (`/resstatus`); everyone on staff lists
//! them (`/resources`), volunteers only the active, unexpired ones, each with "Send to #N"
//! for the volunteer's claimed cases. The rules (what can be sent, how long a check holds)
//! are in [`crate::resources`].

use teloxide::{
    prelude::*,
    types::{InlineKeyboardButton, InlineKeyboardMarkup, ReplyMarkup},
};

use super::{super::pressed, Staff};
use crate::{
    blocklist,
    bot::{
        App, HandlerError, HandlerResult, Toast,
        buttons::{DraftButton, RequesterButton, SendResource},
        gate::Actor,
        notify, send,
    },
    db::{AuditAction, CaseStatus, NewResource, SentResource},
    i18n::{Arg, Lang},
    outbox::Envelope,
    resources::{
        self, Age, Draft, Kind, MAX_DETAILS_CHARS, MAX_TITLE_CHARS, Refusal, Resource, Step,
        kyiv_time,
    },
    survey::choice_text_id,
    telemetry,
};

/// The most resources one `/resources` answer lists to a supervisor.
const LIST_LIMIT: usize = 10;
/// The most a volunteer's list holds: one message each, and Telegram lets a bot send only
/// about one message a second into a chat.
const VOLUNTEER_LIST_LIMIT: usize = 5;

/// Parts joined by blank lines into as few messages as fit Telegram's limit; a part never
/// splits (one longer than the limit is its own message, and `send` shortens it).
fn messages(parts: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for part in parts {
        match out.last_mut() {
            Some(last)
                if last.chars().count() + 2 + part.chars().count()
                    <= crate::i18n::MAX_MESSAGE_CHARS =>
            {
                last.push_str("\n\n");
                last.push_str(&part);
            }
            _ => out.push(part),
        }
    }
    out
}

fn text(app: &App, lang: Lang, id: &str, args: &[(&str, Arg)]) -> String {
    app.locales.text_with(lang, id, args)
}

/// The survey's regions (the choice ids of its region question).
fn regions(app: &App) -> Vec<String> {
    app.survey
        .question(&app.survey.routing.region_question)
        .map(|q| q.choices.clone())
        .unwrap_or_default()
}

fn region_name(app: &App, lang: Lang, region: &str) -> String {
    app.locales.text(
        lang,
        &choice_text_id(&app.survey.routing.region_question, region),
    )
}

/// A resource as staff read it: what it is, its status, its phone, and how old its check is.
fn staff_view(app: &App, lang: Lang, r: &Resource, now: i64) -> String {
    let mut lines = vec![
        text(
            app,
            lang,
            "res-line",
            &[
                ("id", r.id.into()),
                ("kind", app.locales.text(lang, &r.kind.text_id()).into()),
                ("title", r.title.clone().into()),
            ],
        ),
        region_name(app, lang, &r.region),
    ];
    let mut status = text(
        app,
        lang,
        "res-line-status",
        &[("status", app.locales.text(lang, &r.status.text_id()).into())],
    );
    if let Some(note) = &r.status_note {
        status.push_str(&format!(" ({note})"));
    }
    lines.push(status);
    if let Some(capacity) = r.capacity {
        lines.push(text(
            app,
            lang,
            "res-line-capacity",
            &[("capacity", capacity.into())],
        ));
    }
    if let Some(phone) = &r.phone {
        lines.push(text(
            app,
            lang,
            "res-line-phone",
            &[("phone", phone.clone().into())],
        ));
    }
    lines.push(r.details.clone());
    let (age_id, n) = Age::since(r.verified_at, now).text();
    let age = text(app, lang, age_id, &[("n", n.into())]);
    lines.push(format!(
        "{} · {}",
        text(
            app,
            lang,
            "res-line-checked",
            &[("age", age.into()), ("by", r.verified_by.into())]
        ),
        text(
            app,
            lang,
            "res-line-expires",
            &[("until", kyiv_time(r.expires_at).into())]
        )
    ));
    if r.needs_check {
        lines.push(text(app, lang, "res-line-reported", &[("id", r.id.into())]));
    } else if r.is_stale(now) {
        lines.push(text(app, lang, "res-line-stale", &[("id", r.id.into())]));
    }
    lines.join("\n")
}

/// What the requester receives: when it was checked, the resource, and their two buttons.
fn requester_view(app: &App, lang: Lang, r: &Resource, sent_id: i64) -> Envelope {
    let mut lines = vec![
        text(
            app,
            lang,
            "res-to-requester",
            &[("time", kyiv_time(r.verified_at).into())],
        ),
        String::new(),
        r.title.clone(),
        r.details.clone(),
    ];
    if let Some(phone) = &r.phone {
        lines.push(text(
            app,
            lang,
            "res-to-requester-phone",
            &[("phone", phone.clone().into())],
        ));
    }
    if let Some(capacity) = r.capacity {
        lines.push(text(
            app,
            lang,
            "res-to-requester-capacity",
            &[("capacity", capacity.into())],
        ));
    }
    let button = |id: &str, helped: bool| {
        InlineKeyboardButton::callback(
            app.locales.text(lang, id),
            RequesterButton::ResourceFeedback {
                sent: sent_id,
                helped,
            }
            .encode(),
        )
    };
    Envelope::text(0, lines.join("\n")).with_markup(InlineKeyboardMarkup::new(vec![vec![
        button("button-res-helped", true),
        button("button-res-wrong", false),
    ]]))
}

/// "Resources sent: R1 (title, helped), …" for `/case N`.
pub(super) fn given_line(app: &App, lang: Lang, given: &[SentResource]) -> String {
    let list: Vec<String> = given
        .iter()
        .map(|g| {
            let mark = match g.helped {
                Some(true) => format!(", {}", app.locales.text(lang, "res-feedback-mark-helped")),
                Some(false) => format!(", {}", app.locales.text(lang, "res-feedback-mark-wrong")),
                None => String::new(),
            };
            format!("R{} ({}{mark})", g.resource_id, g.title)
        })
        .collect();
    text(
        app,
        lang,
        "card-resources",
        &[("list", list.join(", ").into())],
    )
}

// --- /resources -------------------------------------------------------------------------------

staff_endpoint!(
    /// `/resources [region] [kind]`.
    list, "staff.resources", sends list_resources
);

async fn list_resources(bot: &Bot, app: &App, me: &Staff, args: &str) -> HandlerResult {
    let regions = regions(app);
    let usage = |word: Option<&str>| {
        let list = |items: Vec<String>| items.join(", ");
        let kinds = list(Kind::ALL.iter().map(|k| k.code().to_owned()).collect());
        match word {
            Some(word) => text(
                app,
                me.lang,
                "res-unknown-word",
                &[
                    ("word", word.to_owned().into()),
                    ("regions", list(regions.clone()).into()),
                    ("kinds", kinds.into()),
                ],
            ),
            None => text(
                app,
                me.lang,
                "res-usage-list",
                &[
                    ("regions", list(regions.clone()).into()),
                    ("kinds", kinds.into()),
                ],
            ),
        }
    };
    let (region, kind) = match resources::list_filter(args, &regions) {
        Ok(filter) => filter,
        Err(word) => return me.say(bot, usage(Some(word))).await,
    };
    let now = app.now();
    if !me.is_supervisor() {
        // Volunteers: one region at a time, only what can be sent now.
        let Some(region) = region else {
            return me.say(bot, usage(None)).await;
        };
        return volunteer_list(bot, app, me, &region, kind, now).await;
    }
    let all = app.db.resources(region.as_deref(), kind).await?;
    if all.is_empty() {
        return me.say(bot, me.t(app, "res-list-empty")).await;
    }
    let title = match &region {
        Some(r) => text(
            app,
            me.lang,
            "res-list-title-region",
            &[
                ("region", region_name(app, me.lang, r).into()),
                ("count", all.len().into()),
            ],
        ),
        None => text(
            app,
            me.lang,
            "res-list-title",
            &[("count", all.len().into())],
        ),
    };
    let mut parts = vec![title];
    parts.extend(
        all.iter()
            .take(LIST_LIMIT)
            .map(|r| staff_view(app, me.lang, r, now)),
    );
    if all.len() > LIST_LIMIT {
        parts.push(text(
            app,
            me.lang,
            "res-list-more",
            &[
                ("count", (all.len() - LIST_LIMIT).into()),
                ("region", region.unwrap_or_else(|| "kharkiv".into()).into()),
            ],
        ));
    }
    for message in messages(parts) {
        me.say(bot, message).await?;
    }
    Ok(())
}

/// A volunteer's list: the resources they may send, one message each, with a "Send to #N"
/// button per claimed case of theirs.
async fn volunteer_list(
    bot: &Bot,
    app: &App,
    me: &Staff,
    region: &str,
    kind: Option<Kind>,
    now: i64,
) -> HandlerResult {
    let sendable: Vec<Resource> = app
        .db
        .resources(Some(region), kind)
        .await?
        .into_iter()
        .filter(|r| r.can_be_sent(now))
        .collect();
    if sendable.is_empty() {
        return me.say(bot, me.t(app, "res-list-volunteer-empty")).await;
    }
    let cases: Vec<i64> = app
        .db
        .cases_of_volunteer(me.id)
        .await?
        .into_iter()
        .filter(|c| c.status == CaseStatus::Claimed)
        .map(|c| c.id)
        .collect();
    let mut title = text(
        app,
        me.lang,
        "res-list-title-region",
        &[
            ("region", region_name(app, me.lang, region).into()),
            ("count", sendable.len().into()),
        ],
    );
    if cases.is_empty() {
        title.push_str("\n\n");
        title.push_str(&me.t(app, "res-no-open-cases"));
    }
    me.say(bot, title).await?;
    for r in sendable.iter().take(VOLUNTEER_LIST_LIMIT) {
        let buttons: Vec<Vec<InlineKeyboardButton>> = cases
            .iter()
            .map(|&case| {
                vec![InlineKeyboardButton::callback(
                    text(app, me.lang, "button-send-to", &[("case", case.into())]),
                    crate::bot::buttons::Pressed::SendResource(SendResource {
                        resource: r.id,
                        case,
                    })
                    .encode(),
                )]
            })
            .collect();
        let markup = (!buttons.is_empty())
            .then(|| ReplyMarkup::InlineKeyboard(InlineKeyboardMarkup::new(buttons)));
        send::text_with(bot, me.chat, staff_view(app, me.lang, r, now), markup).await?;
    }
    if sendable.len() > VOLUNTEER_LIST_LIMIT {
        me.say(
            bot,
            text(
                app,
                me.lang,
                "res-list-more",
                &[
                    ("count", (sendable.len() - VOLUNTEER_LIST_LIMIT).into()),
                    ("region", region.to_owned().into()),
                ],
            ),
        )
        .await?;
    }
    Ok(())
}

// --- Send to #N -------------------------------------------------------------------------------

/// "Send to #N": checked again on the server: the presser holds the case, the case is claimed,
/// and the resource can be sent now.
pub(crate) async fn send_button(
    bot: Bot,
    app: App,
    q: CallbackQuery,
    actor: Actor,
    me: Staff,
    button: SendResource,
) -> HandlerResult {
    telemetry::handler("volunteer.send_resource");
    let work = send_resource(&app, &me, button);
    pressed(&bot, &app, &q, &actor, work).await
}

async fn send_resource(app: &App, me: &Staff, b: SendResource) -> Result<Toast, HandlerError> {
    let now = app.now();
    let case_ref = [("case", b.case.into())];
    let Some(case) = app.db.case(b.case).await? else {
        return Ok(Toast::Text(text(
            app,
            me.lang,
            "res-not-your-case",
            &case_ref,
        )));
    };
    let requester = case
        .requester_id
        .filter(|_| case.status == CaseStatus::Claimed);
    let (true, Some(requester)) = (me.role.may_handle(me.id, case.volunteer_id), requester) else {
        return Ok(Toast::Text(text(
            app,
            me.lang,
            "res-not-your-case",
            &case_ref,
        )));
    };
    let ids = [("id", b.resource.into()), ("case", b.case.into())];
    let resource = app.db.resource(b.resource).await?;
    let Some(resource) = resource.filter(|r| r.can_be_sent(now)) else {
        return Ok(Toast::Text(text(app, me.lang, "res-not-sendable", &ids)));
    };
    let mut tx = app.db.begin().await?;
    let Some(sent_id) = tx
        .record_resource_sent(case.id, resource.id, me.id, now)
        .await?
    else {
        return Ok(Toast::Text(text(app, me.lang, "res-already-sent", &ids)));
    };
    let mut message = requester_view(app, case.language, &resource, sent_id);
    message.chat_id = requester;
    tx.touch_volunteer_message(case.id, now).await?;
    tx.audit(
        me.id,
        AuditAction::SendResource,
        Some(case.id),
        None,
        Some(&format!("R{}", resource.id)),
        now,
    )
    .await?;
    tx.enqueue(&[message.for_case(case.id)], now).await?;
    notify::commit(app, tx, "send_resource").await?;
    Ok(Toast::Text(text(app, me.lang, "res-sent", &ids)))
}

// --- /checked, /resstatus ---------------------------------------------------------------------

staff_endpoint!(
    /// `/checked R`: the supervisor checked it again just now.
    checked, "supervisor.checked", answers confirm
);

async fn confirm(_: &Bot, app: &App, me: &Staff, args: &str) -> Result<String, HandlerError> {
    let Some(id) = args
        .split_whitespace()
        .next()
        .and_then(resources::resource_id)
    else {
        return Ok(me.t(app, "res-usage-checked"));
    };
    let Some(resource) = app.db.resource(id).await? else {
        return Ok(text(app, me.lang, "res-not-found", &[("id", id.into())]));
    };
    let now = app.now();
    let until = app.validity.expiry(resource.kind, now);
    let mut tx = app.db.begin().await?;
    tx.confirm_resource(id, me.id, now, until).await?;
    tx.audit(
        me.id,
        AuditAction::CheckResource,
        None,
        None,
        Some(&format!("R{id}")),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(text(
        app,
        me.lang,
        "res-checked",
        &[("id", id.into()), ("until", kyiv_time(until).into())],
    ))
}

staff_endpoint!(
    /// `/resstatus R full|closed|unsafe|active [note]`.
    status, "supervisor.resstatus", answers set_status
);

async fn set_status(_: &Bot, app: &App, me: &Staff, args: &str) -> Result<String, HandlerError> {
    let Some((id, status, note)) = resources::status_args(args) else {
        return Ok(me.t(app, "res-usage-status"));
    };
    let now = app.now();
    let mut tx = app.db.begin().await?;
    if !tx.set_resource_status(id, status, note.as_deref()).await? {
        return Ok(text(app, me.lang, "res-not-found", &[("id", id.into())]));
    }
    // The note is the supervisor's own words about a place, not about a person; the audit
    // row keeps only the id and the status code.
    tx.audit(
        me.id,
        AuditAction::ResourceStatus,
        None,
        None,
        Some(&format!("R{id} {}", status.code())),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(text(
        app,
        me.lang,
        "res-status-set",
        &[
            ("id", id.into()),
            (
                "status",
                app.locales.text(me.lang, &status.text_id()).into(),
            ),
        ],
    ))
}

// --- /addresource -----------------------------------------------------------------------------

staff_endpoint!(
    /// `/addresource`: starts the guided dialogue (a draft already open starts over).
    add, "supervisor.addresource", sends start_draft, no arguments
);

async fn start_draft(bot: &Bot, app: &App, me: &Staff, _: &str) -> HandlerResult {
    let draft = Draft::default();
    app.db.save_draft(me.id, &draft, app.now()).await?;
    prompt(bot, app, me, &draft).await
}

/// `/cancel` from staff: stops an `/addresource` dialogue.
pub(crate) async fn cancel(bot: Bot, app: App, me: Staff) -> HandlerResult {
    telemetry::handler("supervisor.addresource_cancel");
    let id = if app.db.drop_draft(me.id).await? {
        "res-add-discarded"
    } else {
        "res-add-nothing"
    };
    me.say(&bot, me.t(&app, id)).await
}

/// The handler tree's filter: a supervisor's message (not a reply) while their draft is open.
pub(crate) async fn open_draft(app: App, me: Staff, msg: Message) -> Option<Draft> {
    if !me.is_supervisor() || msg.reply_to_message().is_some() {
        return None;
    }
    app.db.draft(me.id).await.ok().flatten()
}

/// What the supervisor typed for the step their draft is at.
pub(crate) async fn draft_text(
    bot: Bot,
    app: App,
    me: Staff,
    msg: Message,
    mut draft: Draft,
) -> HandlerResult {
    telemetry::handler("supervisor.addresource_text");
    let Some(typed) = msg.text() else {
        me.say(&bot, me.t(&app, "res-add-text-only")).await?;
        return prompt(&bot, &app, &me, &draft).await;
    };
    let refusal = match draft.step() {
        Step::Title => resources::text_field(typed, MAX_TITLE_CHARS)
            .map(|t| draft.title = Some(t))
            .err(),
        Step::Details => resources::text_field(typed, MAX_DETAILS_CHARS)
            .map(|t| draft.details = Some(t))
            .err(),
        Step::Phone => match crate::phone::normalize(typed) {
            None => Some(Refusal::NotAPhone),
            Some(e164) => {
                let hash = blocklist::phone_hash(&e164).unwrap_or_default();
                let blocked = app
                    .db
                    .blocked_among(&[(blocklist::PHONE.to_owned(), hash)])
                    .await?;
                if !blocked.is_empty() {
                    me.say(&bot, me.t(&app, "res-add-phone-blocked")).await?;
                    return prompt(&bot, &app, &me, &draft).await;
                }
                draft.phone = Some(e164);
                draft.phone_done = true;
                None
            }
        },
        Step::Capacity => resources::capacity(typed)
            .map(|n| {
                draft.capacity = Some(n);
                draft.capacity_done = true;
            })
            .err(),
        // A step answered with buttons: show them again.
        Step::Kind | Step::Region | Step::Preview => {
            return prompt(&bot, &app, &me, &draft).await;
        }
    };
    if let Some(refusal) = refusal {
        let why = match refusal {
            Refusal::TooLong(max) => {
                text(&app, me.lang, "res-add-too-long", &[("max", max.into())])
            }
            Refusal::Empty => me.t(&app, "res-add-text-only"),
            Refusal::NotAPhone => me.t(&app, "res-add-not-phone"),
            Refusal::NotANumber => me.t(&app, "res-add-not-number"),
        };
        me.say(&bot, why).await?;
        return prompt(&bot, &app, &me, &draft).await;
    }
    app.db.save_draft(me.id, &draft, app.now()).await?;
    prompt(&bot, &app, &me, &draft).await
}

/// The dialogue's buttons, checked against the step the stored draft is at: a button of
/// another step (an old message) changes nothing.
pub(crate) async fn on_draft_button(
    bot: Bot,
    app: App,
    q: CallbackQuery,
    actor: Actor,
    me: Staff,
    button: DraftButton,
) -> HandlerResult {
    telemetry::handler("supervisor.addresource_button");
    let work = draft_button(&bot, &app, &me, button);
    pressed(&bot, &app, &q, &actor, work).await
}

async fn draft_button(
    bot: &Bot,
    app: &App,
    me: &Staff,
    button: DraftButton,
) -> Result<Toast, HandlerError> {
    let Some(mut draft) = app.db.draft(me.id).await? else {
        return Ok(Toast::Id("res-add-expired"));
    };
    let regions = regions(app);
    match (draft.step(), button) {
        (_, DraftButton::Discard) => {
            app.db.drop_draft(me.id).await?;
            me.say(bot, me.t(app, "res-add-discarded")).await?;
            return Ok(Toast::Quiet);
        }
        (Step::Kind, DraftButton::Kind(i)) => draft.kind = Some(Kind::ALL[i].code().to_owned()),
        (Step::Region, DraftButton::Region(i)) if i < regions.len() => {
            draft.region = Some(regions[i].clone());
        }
        (Step::Phone, DraftButton::Skip) => draft.phone_done = true,
        (Step::Capacity, DraftButton::Skip) => draft.capacity_done = true,
        (Step::Preview, DraftButton::Save) => {
            let text = save(app, me, &draft).await?;
            me.say(bot, text).await?;
            return Ok(Toast::Quiet);
        }
        _ => return Ok(Toast::Id("res-add-expired")),
    }
    app.db.save_draft(me.id, &draft, app.now()).await?;
    prompt(bot, app, me, &draft).await?;
    Ok(Toast::Quiet)
}

/// Saves a finished draft as a resource checked now by this supervisor.
async fn save(app: &App, me: &Staff, draft: &Draft) -> Result<String, HandlerError> {
    let new = match (draft.kind(), &draft.region, &draft.title, &draft.details) {
        (Some(kind), Some(region), Some(title), Some(details)) => NewResource {
            kind,
            region: region.clone(),
            title: title.clone(),
            details: details.clone(),
            phone: draft.phone.clone(),
            capacity: draft.capacity,
        },
        _ => return Ok(me.t(app, "res-add-expired")),
    };
    let now = app.now();
    let until = app.validity.expiry(new.kind, now);
    let mut tx = app.db.begin().await?;
    let id = tx.insert_resource(&new, me.id, now, until).await?;
    tx.drop_draft(me.id).await?;
    tx.audit(
        me.id,
        AuditAction::AddResource,
        None,
        None,
        Some(&format!("R{id} {}", new.kind.code())),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(text(
        app,
        me.lang,
        "res-add-saved",
        &[("id", id.into()), ("until", kyiv_time(until).into())],
    ))
}

/// Asks for what the draft lacks (or shows the preview), with its buttons.
async fn prompt(bot: &Bot, app: &App, me: &Staff, draft: &Draft) -> HandlerResult {
    let lang = me.lang;
    let button = |label: String, b: DraftButton| {
        InlineKeyboardButton::callback(label, crate::bot::buttons::Pressed::Draft(b).encode())
    };
    let discard = || button(me.t(app, "button-discard"), DraftButton::Discard);
    let (body, mut rows): (String, Vec<Vec<InlineKeyboardButton>>) = match draft.step() {
        Step::Kind => (
            me.t(app, "res-add-kind"),
            Kind::ALL
                .chunks(2)
                .map(|pair| {
                    pair.iter()
                        .map(|k| {
                            button(
                                app.locales.text(lang, &k.text_id()),
                                DraftButton::Kind(k.index()),
                            )
                        })
                        .collect()
                })
                .collect(),
        ),
        Step::Region => {
            let regions = regions(app);
            let buttons: Vec<InlineKeyboardButton> = regions
                .iter()
                .enumerate()
                .map(|(i, r)| button(region_name(app, lang, r), DraftButton::Region(i)))
                .collect();
            (
                me.t(app, "res-add-region"),
                buttons.chunks(2).map(<[_]>::to_vec).collect(),
            )
        }
        Step::Title => (
            text(
                app,
                lang,
                "res-add-title",
                &[("max", MAX_TITLE_CHARS.into())],
            ),
            Vec::new(),
        ),
        Step::Details => (
            text(
                app,
                lang,
                "res-add-details",
                &[("max", MAX_DETAILS_CHARS.into())],
            ),
            Vec::new(),
        ),
        Step::Phone | Step::Capacity => (
            me.t(
                app,
                if draft.step() == Step::Phone {
                    "res-add-phone"
                } else {
                    "res-add-capacity"
                },
            ),
            vec![vec![button(me.t(app, "button-skip"), DraftButton::Skip)]],
        ),
        Step::Preview => {
            let preview = preview(app, me, draft);
            (
                format!("{}\n\n{preview}", me.t(app, "res-add-preview")),
                vec![vec![button(me.t(app, "button-save"), DraftButton::Save)]],
            )
        }
    };
    rows.push(vec![discard()]);
    send::text_with(
        bot,
        me.chat,
        body,
        Some(ReplyMarkup::InlineKeyboard(InlineKeyboardMarkup::new(rows))),
    )
    .await?;
    Ok(())
}

/// The draft as the resource it will be, checked now.
fn preview(app: &App, me: &Staff, draft: &Draft) -> String {
    let now = app.now();
    let kind = draft.kind().unwrap_or(Kind::Other);
    let r = Resource {
        id: 0,
        kind,
        region: draft.region.clone().unwrap_or_default(),
        title: draft.title.clone().unwrap_or_default(),
        details: draft.details.clone().unwrap_or_default(),
        phone: draft.phone.clone(),
        capacity: draft.capacity,
        status: resources::Status::Active,
        status_note: None,
        needs_check: false,
        verified_by: me.id,
        verified_at: now,
        expires_at: app.validity.expiry(kind, now),
    };
    // The first line names R0 until it is saved: drop it for the kind and title alone.
    let view = staff_view(app, me.lang, &r, now);
    let rest = view.split_once('\n').map_or("", |(_, rest)| rest);
    format!(
        "{} · {}\n{rest}",
        app.locales.text(me.lang, &kind.text_id()),
        r.title
    )
}

#[cfg(test)]
mod tests {
    use super::messages;
    use crate::i18n::MAX_MESSAGE_CHARS;

    #[test]
    fn a_long_list_is_split_between_parts_never_inside_one() {
        let part = "x".repeat(1500);
        let out = messages(vec![
            "title".into(),
            part.clone(),
            part.clone(),
            part.clone(),
        ]);
        assert_eq!(
            out.len(),
            2,
            "{:?}",
            out.iter().map(String::len).collect::<Vec<_>>()
        );
        assert!(out.iter().all(|m| m.chars().count() <= MAX_MESSAGE_CHARS));
        assert_eq!(out[0], format!("title\n\n{part}\n\n{part}"));
        assert_eq!(out[1], part);
        assert_eq!(messages(vec!["a".into(), "b".into()]), ["a\n\nb"]);
    }
}
