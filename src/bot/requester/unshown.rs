//! A survey step committed but perhaps not shown yet.
//!
//! A busy bot (many updates unconfirmed, `listener::EARLY_CONFIRM_ABOVE`) confirms an answer
//! to Telegram as soon as it is committed, before the next question goes out: so it does not
//! keep each update in one of Telegram's 100 unconfirmed places for the round trips of its
//! replies. What makes that safe is a mark committed with the answer
//! (`survey_state.unshown_update`, set by `Db::save_survey`): it is cleared once the next step
//! is shown, in batches ([`Shown`]), and a mark still there when the bot starts means the
//! process stopped in between, so the person is shown where they are again. At worst (a
//! crash before a batch was cleared) someone sees the same question twice, never none. A quiet
//! bot confirms only what is done and sets no mark: Telegram sends the rest again.

use std::sync::Mutex;

use futures::StreamExt;
use teloxide::prelude::*;

use super::survey;
use crate::{bot::App, db::Db};

/// How many people are shown their step at once after a restart.
const AT_ONCE: usize = 16;

/// The `(person, update)` answers whose next step was shown since the last [`Shown::flush`].
#[derive(Debug, Default)]
pub(crate) struct Shown(Mutex<Vec<(i64, i64)>>);

impl Shown {
    pub(crate) fn push(&self, user_id: i64, update_id: i64) {
        self.lock().push((user_id, update_id));
    }

    /// Clears the marks of what was shown, in one transaction.
    pub(crate) async fn flush(&self, db: &Db) {
        let shown = std::mem::take(&mut *self.lock());
        if let Err(e) = db.mark_shown(&shown).await {
            tracing::warn!(error = %e, steps = shown.len(), "could not clear the shown steps");
            self.lock().extend(shown);
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<(i64, i64)>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// At the start: everyone whose last answer was committed but whose next step may not have
/// been shown sees it now.
pub(crate) async fn show_after_restart(bot: &Bot, app: &App) {
    let steps = match app.db.unshown_steps().await {
        Ok(steps) => steps,
        Err(e) => {
            tracing::warn!(error = %e, "could not read the steps left unshown");
            return;
        }
    };
    if steps.is_empty() {
        return;
    }
    tracing::info!(
        people = steps.len(),
        "showing the survey step again to people the last stop interrupted"
    );
    futures::stream::iter(steps)
        .for_each_concurrent(AT_ONCE, |(user_id, update_id)| async move {
            match survey::show_again(bot, app, user_id).await {
                Ok(()) => app.shown.push(user_id, update_id),
                Err(e) => tracing::warn!(update_id, error = %e, "could not show the step again"),
            }
        })
        .await;
    app.shown.flush(&app.db).await;
}
