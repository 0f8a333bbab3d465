//! The handler tree: which handler takes which update.
//!
//! ```text
//! observe (one log line per update)
//! ├─ private message ─┬─ known command     → commands::on_command
//! │                   ├─ other /command    → commands::on_unknown_command
//! │                   └─ anything else     → intake::on_message
//! ├─ button press                          → intake::on_button
//! └─ everything else (groups, channels, edits): ignored; group messages are never intake
//! ```

use teloxide::{dispatching::UpdateHandler, filter_command, prelude::*};

use super::{Command, HandlerError, commands, intake};
use crate::telemetry;

pub fn schema() -> UpdateHandler<HandlerError> {
    let private_messages = Update::filter_message()
        .filter(|msg: Message| {
            msg.chat.is_private() && msg.from.as_ref().is_some_and(|u| !u.is_bot)
        })
        .branch(filter_command::<Command, _>().endpoint(commands::on_command))
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

    telemetry::observe().chain(
        dptree::entry()
            .branch(private_messages)
            .branch(buttons)
            .branch(ignored),
    )
}
