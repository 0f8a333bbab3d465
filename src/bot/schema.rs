//! The handler tree: which handler takes which update.
//!
//! ```text
//! observe (one log line per update)
//! gate: banned → silence; over the flood limit → muted for a while
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
use crate::telemetry;

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

    // Someone who blocked the bot and writes again can be reached again.
    let reachable = dptree::filter_map(|update: Update| update.from().map(|u| u.id.0 as i64))
        .inspect_async(|app: App, user_id: i64| async move {
            if let Err(e) = app.db.mark_reachable(user_id).await {
                tracing::warn!(error = %e, "could not mark a user reachable");
            }
        });

    // Banned people: silence. Flooders: muted for a while.
    let gatekeeper = dptree::filter_async(|bot: Bot, app: App, update: Update| async move {
        let Some(user) = update.from() else {
            return true;
        };
        match moderation::gate(
            &bot,
            &app,
            user.id.0 as i64,
            user.language_code.as_deref(),
            matches!(update.kind, teloxide::types::UpdateKind::Message(_)),
        )
        .await
        {
            Ok(Gate::Pass) => true,
            Ok(Gate::Drop) => {
                telemetry::handler("gate.dropped");
                false
            }
            Err(e) => {
                tracing::error!(error = %e, "gate check failed; letting the update through");
                true
            }
        }
    });

    telemetry::observe().chain(
        dptree::entry()
            .chain(gatekeeper)
            .chain(reachable)
            .branch(private_messages)
            .branch(buttons)
            .branch(ignored),
    )
}
