//! The gate every update passes before any handler: one read of what the bot knows of the
//! person (`Visitor`, with their role), the `Actor` the handlers get, and the rules that drop
//! an update: banned people get silence (they had their one message at the ban); flooders are
//! muted for a while, told once; staff are never muted.

use std::{
    collections::{HashMap, VecDeque},
    sync::Mutex,
};

use teloxide::{prelude::*, types::UpdateKind};

use super::App;
use crate::{db::Visitor, i18n::Lang, roles::Role};

/// Who sent an update, as the handlers see them: read once, by the gate.
#[derive(Debug, Clone)]
pub(super) struct Actor {
    pub id: i64,
    /// Their private chat with the bot (where replies to their button presses go).
    pub chat: ChatId,
    /// The language to speak to them.
    pub lang: Lang,
    pub role: Role,
    pub update_id: i64,
    /// What the gate read of them (survey, language, whether this update was applied).
    pub visitor: Visitor,
}

/// What the gate decided for an update with a sender.
#[derive(Debug, Clone)]
pub(super) enum Admission {
    Admitted(Actor),
    /// Banned or muted: nothing more is done.
    Dropped,
}

impl Actor {
    pub(super) fn is_staff(&self) -> bool {
        self.role.is_staff()
    }

    /// Their chat, without a sound if they are in silent mode.
    pub(super) fn to(&self) -> super::send::To {
        super::send::To {
            chat: self.chat,
            quiet: self.visitor.silent,
        }
    }
}

/// The gate, for an update with a sender: one read of the person, then [`Admission`].
pub(super) async fn admit(bot: Bot, app: App, update: Update) -> Option<Admission> {
    let user = update.from()?;
    let user_id = user.id.0 as i64;
    let telegram_lang = user.language_code.as_deref().and_then(Lang::from_code);
    if let Some(lang) = telegram_lang {
        app.seen_languages.saw(user_id, lang);
    }
    let update_id = i64::from(update.id.0);
    let visitor = match app.db.visitor(user_id, update_id).await {
        Ok(v) => v,
        Err(e) => {
            tracing::error!(error = %e, "gate check failed; letting the update through");
            Visitor::default()
        }
    };
    let actor = Actor {
        id: user_id,
        chat: ChatId(user_id),
        lang: app.language_or(visitor.language, user.language_code.as_deref()),
        role: app.role_from(user_id, &visitor),
        update_id,
        visitor,
    };
    let is_message = matches!(update.kind, UpdateKind::Message(_));
    if drops(&bot, &app, &actor, is_message).await {
        return Some(Admission::Dropped);
    }
    // Someone who blocked the bot and writes again can be reached again.
    if actor.visitor.unreachable
        && let Err(e) = app.db.mark_reachable(user_id).await
    {
        tracing::warn!(error = %e, "could not mark a user reachable");
    }
    Some(Admission::Admitted(actor))
}

/// Whether the update is dropped: banned, muted, or over the flood limit now.
async fn drops(bot: &Bot, app: &App, actor: &Actor, is_message: bool) -> bool {
    if actor.visitor.banned {
        return true;
    }
    let now = app.now();
    if actor.visitor.muted_until > now {
        return true;
    }
    if is_message
        && !actor.is_staff()
        && app
            .flood
            .over_limit(actor.id, now, app.survey.limits.flood_per_minute)
    {
        let mute_secs = app.survey.limits.mute_minutes * 60;
        let strikes = match app.db.mute(actor.id, now + mute_secs, now).await {
            Ok(strikes) => strikes,
            Err(e) => {
                tracing::error!(error = %e, "could not store a mute");
                return true;
            }
        };
        let minutes = app.survey.limits.mute_minutes;
        let _ = bot
            .send_message(
                actor.chat,
                app.locales
                    .text_with(actor.lang, "muted", &[("minutes", minutes.into())]),
            )
            .disable_notification(actor.visitor.silent)
            .await;
        tracing::warn!(user_id = actor.id, strikes, "flooding: muted");
        return true;
    }
    false
}

/// Message timestamps per person, for flood control (in memory: a restart forgives).
#[derive(Debug, Default)]
pub struct FloodMeter {
    recent: Mutex<HashMap<i64, VecDeque<i64>>>,
}

impl FloodMeter {
    /// Counts a message at `now`; `true` when the person has sent more than `per_minute`.
    pub fn over_limit(&self, user: i64, now: i64, per_minute: usize) -> bool {
        let mut recent = self.recent.lock().unwrap_or_else(|e| e.into_inner());
        let times = recent.entry(user).or_default();
        times.push_back(now);
        while times.front().is_some_and(|t| *t <= now - 60) {
            times.pop_front();
        }
        let over = times.len() > per_minute;
        if over {
            times.clear();
        }
        if recent.len() > 100_000 {
            recent.retain(|_, t| t.back().is_some_and(|last| *last > now - 60));
        }
        over
    }
}

/// The Telegram language of people who wrote to the bot recently, kept in memory only (nothing
/// is stored about someone before they agree): what a message to a person the bot has stored
/// nothing of (the `/addvolunteer` welcome) is written in.
#[derive(Debug, Default)]
pub struct SeenLanguages {
    seen: Mutex<HashMap<i64, crate::i18n::Lang>>,
}

impl SeenLanguages {
    /// At most this many people are remembered; the map starts over when it is full.
    const LIMIT: usize = 100_000;

    pub fn saw(&self, user: i64, lang: crate::i18n::Lang) {
        let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        if seen.len() >= Self::LIMIT && !seen.contains_key(&user) {
            seen.clear();
        }
        seen.insert(user, lang);
    }

    pub fn of(&self, user: i64) -> Option<crate::i18n::Lang> {
        self.seen
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&user)
            .copied()
    }
}
