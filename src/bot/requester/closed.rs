//! A closed case is not a dead end: a person who writes after their request was closed is
//! told so, with two buttons: start a new request, or (within a week of the closing, while
//! that volunteer is still on the roster) pass this message to the volunteer who closed it,
//! which opens the case again for them. An album (one update per photo) gets one menu, and the
//! whole album reaches the volunteer.

use std::{
    collections::HashMap,
    sync::Mutex,
    time::{Duration, Instant},
};

use teloxide::{
    prelude::*,
    types::{InlineKeyboardButton, InlineKeyboardMarkup, MessageId},
};

use crate::{
    bot::{
        App, HandlerError, Toast, albums, buttons::RequesterButton, gate::Actor, notify, offers,
        send,
    },
    db::AuditAction,
    outbox::Envelope,
};

/// How long after the closing the last volunteer can be written to.
pub(crate) const WRITE_BACK_SECS: i64 = 7 * 86_400;

/// How long the items of an album written after a closing are remembered: as long as the menu's
/// Write button works (memory only: after a restart a later item gets a menu of its own, and
/// only the pressed item is passed on).
const ALBUM_MEMORY: Duration = Duration::from_secs(WRITE_BACK_SECS as u64);

/// Albums written after a closing, per person: the album's items, first to last, by the
/// album's first item (which the menu's button names).
#[derive(Debug, Default)]
pub(crate) struct Albums {
    seen: Mutex<Seen>,
}

/// (person, album id) → (its items, when the first came).
type Seen = HashMap<(i64, String), (Vec<i32>, Instant)>;

impl Albums {
    fn lock(&self) -> std::sync::MutexGuard<'_, Seen> {
        self.seen.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Notes an item of album `group` from `chat`: `true` if it is the first one (it gets the
    /// menu; the others do not).
    fn note(&self, chat: i64, group: &str, message: i32) -> bool {
        let mut seen = self.lock();
        seen.retain(|_, (_, at)| at.elapsed() < ALBUM_MEMORY);
        let (items, _) = seen
            .entry((chat, group.to_owned()))
            .or_insert_with(|| (Vec::new(), Instant::now()));
        if !items.contains(&message) {
            items.push(message);
        }
        items.first() == Some(&message)
    }

    /// Forgets album `group` of `chat` (its menu could not be sent: the next item tries again).
    fn forget(&self, chat: i64, group: &str) {
        self.lock().remove(&(chat, group.to_owned()));
    }

    /// The album whose first item is `first`, if remembered: its id and its items.
    fn album(&self, chat: i64, first: i32) -> Option<(String, Vec<i32>)> {
        self.lock()
            .iter()
            .find(|((c, _), (items, _))| *c == chat && items.first() == Some(&first))
            .map(|((_, group), (items, _))| (group.clone(), items.clone()))
    }
}

/// The volunteer a closed case can go back to: closed within a week, by someone still on
/// the roster (or a supervisor).
async fn reachable_volunteer(
    app: &App,
    closed_at: i64,
    volunteer: Option<i64>,
) -> Result<Option<i64>, HandlerError> {
    let Some(volunteer) = volunteer else {
        return Ok(None);
    };
    if app.now() - closed_at > WRITE_BACK_SECS {
        return Ok(None);
    }
    let trained = app.db.volunteer(volunteer).await?.is_some_and(|v| {
        crate::training::Training::of(v.trained_until, app.now()).may_work()
            && v.open_cases < v.max_open
    });
    let active = trained || app.supervisors().await?.contains(&volunteer);
    Ok(active.then_some(volunteer))
}

/// A message from someone whose latest request is closed: `true` if they were answered
/// (else the caller starts a new request as for anyone).
pub(crate) async fn after_closed(
    bot: &Bot,
    app: &App,
    actor: &Actor,
    msg: &Message,
) -> Result<bool, HandlerError> {
    let Some((case, closed_at, volunteer)) = app.db.last_closed_case_of(actor.id).await? else {
        return Ok(false);
    };
    if let Some(group) = msg.media_group_id()
        && !app.closed_albums.note(actor.id, &group.0, msg.id.0)
    {
        return Ok(true); // the album's first item got the menu
    }
    let lang = actor.lang;
    let button = |id: &str, b: RequesterButton| {
        vec![InlineKeyboardButton::callback(
            app.locales.text(lang, id),
            b.encode(),
        )]
    };
    let mut rows = vec![button("button-new-request", RequesterButton::NewRequest)];
    if reachable_volunteer(app, closed_at, volunteer)
        .await?
        .is_some()
    {
        rows.push(button(
            "button-write-volunteer",
            RequesterButton::WriteVolunteer {
                case,
                message: msg.id.0,
            },
        ));
    }
    let sent = send::text_with(
        bot,
        actor.to(),
        app.locales
            .text_with(lang, "requester-case-closed-menu", &[("case", case.into())]),
        Some(teloxide::types::ReplyMarkup::InlineKeyboard(
            InlineKeyboardMarkup::new(rows),
        )),
    )
    .await;
    if sent.is_err()
        && let Some(group) = msg.media_group_id()
    {
        app.closed_albums.forget(actor.id, &group.0);
    }
    sent?;
    Ok(true)
}

/// "Write to the last volunteer": checked again on the server, then the case is open again,
/// claimed by that volunteer, who gets the message (copied, anonymous as always).
pub(crate) async fn write_volunteer(
    bot: &Bot,
    app: &App,
    actor: &Actor,
    pressed: MessageId,
    case_id: i64,
    message: i32,
) -> Result<Toast, HandlerError> {
    let Some(case) = app.db.case(case_id).await? else {
        return Ok(Toast::Id("error-stale"));
    };
    if case.requester_id != Some(actor.id) {
        return Ok(Toast::Id("error-invalid-button"));
    }
    let closed_at = app
        .db
        .last_closed_case_of(actor.id)
        .await?
        .filter(|(id, ..)| *id == case_id)
        .map(|(_, at, _)| at);
    // Since the question, the person may have started a new request: that one goes on.
    let busy = app.db.open_case_of(actor.id).await?.is_some()
        || app.db.load_survey(actor.id).await?.is_some();
    let volunteer = match closed_at {
        Some(at) if !busy => reachable_volunteer(app, at, case.volunteer_id).await?,
        _ => None,
    };
    let Some(volunteer) = volunteer else {
        send::settle_buttons(bot, actor.chat, pressed).await;
        send::text(
            bot,
            actor.to(),
            app.locales.text(actor.lang, "requester-reopen-impossible"),
        )
        .await?;
        return Ok(Toast::Quiet);
    };
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let Some(reopened) = tx.reopen_case(case.id, actor.id, now).await? else {
        return Ok(Toast::Id("error-stale"));
    };
    tx.audit(
        actor.id,
        AuditAction::Reopen,
        Some(reopened.id),
        Some(volunteer),
        None,
        now,
    )
    .await?;
    let vlang = app.language_for(volunteer, None).await;
    let to_volunteer = Envelope::text(
        volunteer,
        app.locales.text_with(
            vlang,
            "volunteer-case-reopened",
            &[("case", case.id.into())],
        ),
    )
    .for_case(case.id);
    let to_person = Envelope::text(
        actor.id,
        app.locales.text_with(
            actor.lang,
            "requester-case-reopened",
            &[("case", case.id.into())],
        ),
    )
    .for_case(case.id);
    tx.enqueue(&[to_volunteer], now).await?;
    // The message the menu answered, or the whole album it began (gathered into one copy).
    match app.closed_albums.album(actor.id, message) {
        Some((group, items)) if items.len() > 1 => {
            for message_id in items {
                let item = albums::Item {
                    from_chat: actor.id,
                    message_id,
                    group: &group,
                    case_id: case.id,
                };
                albums::to_staff(app, &mut tx, &item, volunteer, vlang).await?;
            }
        }
        _ => {
            let copy = offers::relayed_copy(app, volunteer, vlang, actor.id, message, case.id);
            tx.enqueue(&[copy], now).await?;
        }
    }
    tx.enqueue(&[to_person], now).await?;
    notify::commit(app, tx, "reopen").await?;
    send::settle_buttons(bot, actor.chat, pressed).await;
    Ok(Toast::Quiet)
}
