//! The handler tree: which handler takes which update.
//!
//! ```text
//! observe (one log line per update)
//! gate: one read of what we know of the person (`Visitor`); banned → silence;
//!       over the flood limit → muted for a while
//! ├─ private message ─┬─ requester command → commands::on_command
//! │                   ├─ staff command     → volunteer::on_command (role checked inside)
//! │                   ├─ other /command    → commands::on_unknown_command
//! │                   └─ anything else     → intake::on_message (survey, relay, or start)
//! ├─ button press                          → intake::on_button
//! └─ everything else (groups, channels, edits): ignored; group messages are never intake
//! ```

use teloxide::{dispatching::UpdateHandler, filter_command, prelude::*};

use super::{
    App, Command, HandlerError, StaffCommand, commands, intake,
    moderation::{self, Gate},
    volunteer,
};
use crate::{db::Visitor, i18n::Lang, telemetry};

pub fn schema() -> UpdateHandler<HandlerError> {
    let private_messages = Update::filter_message()
        .filter(|msg: Message| {
            msg.chat.is_private() && msg.from.as_ref().is_some_and(|u| !u.is_bot)
        })
        .branch(filter_command::<Command, _>().endpoint(commands::on_command))
        .branch(filter_command::<StaffCommand, _>().endpoint(volunteer::on_command))
        .branch(
            dptree::filter(|msg: Message| msg.text().is_some_and(|t| t.starts_with('/')))
                .endpoint(commands::on_unknown_command),
        )
        .branch(dptree::endpoint(intake::on_message));

    let buttons = Update::filter_callback_query().endpoint(intake::on_button);

    let ignored = dptree::endpoint(|| async {
        telemetry::handler("ignored");
        Ok(())
    });

    // One read of what we know of the person (ban, mute, reachability, language, whether this
    // update was applied before); the handlers get it as `Visitor`. Banned people: silence.
    // Flooders: muted for a while.
    let gatekeeper = dptree::filter_map_async(|bot: Bot, app: App, update: Update| async move {
        let Some(user) = update.from() else {
            return Some(Visitor::default());
        };
        let user_id = user.id.0 as i64;
        if let Some(lang) = user.language_code.as_deref().and_then(Lang::from_code) {
            app.seen_languages.saw(user_id, lang);
        }
        let visitor = match app.db.visitor(user_id, i64::from(update.id.0)).await {
            Ok(v) => v,
            Err(e) => {
                tracing::error!(error = %e, "gate check failed; letting the update through");
                return Some(Visitor::default());
            }
        };
        let is_message = matches!(update.kind, teloxide::types::UpdateKind::Message(_));
        let lang_code = user.language_code.as_deref();
        match moderation::gate(&bot, &app, user_id, lang_code, is_message, &visitor).await {
            Ok(Gate::Pass) => {}
            Ok(Gate::Drop) => {
                telemetry::handler("gate.dropped");
                return None;
            }
            Err(e) => tracing::error!(error = %e, "gate check failed; letting the update through"),
        }
        // Someone who blocked the bot and writes again can be reached again.
        if visitor.unreachable
            && let Err(e) = app.db.mark_reachable(user_id).await
        {
            tracing::warn!(error = %e, "could not mark a user reachable");
        }
        Some(visitor)
    });

    telemetry::observe().chain(
        dptree::entry()
            .chain(gatekeeper)
            .branch(private_messages)
            .branch(buttons)
            .branch(ignored),
    )
}
