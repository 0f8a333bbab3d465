//! Alerts for critical cases: every supervisor and the volunteer chat, at once.
//!
//! An alert carries the case number and the triage reasons only: no name, phone or place.
//! A supervisor who never pressed Start cannot be written to (Telegram forbids it); that is
//! logged with their id and the others still get the alert.

use futures::future::join_all;
use teloxide::{prelude::*, types::ChatId};

use super::{App, send};
use crate::{i18n::Lang, survey::reason_text_id};

/// Sends the critical-case alert. `still_answering`: the safety gate fired mid-survey.
pub async fn critical(bot: &Bot, app: &App, case: i64, reasons: &[String], still_answering: bool) {
    let mut recipients: Vec<(ChatId, Lang)> = Vec::new();
    for &id in &app.config.supervisor_ids {
        recipients.push((ChatId(id), app.language_for(id, None).await));
    }
    if let Some(chat) = app.config.volunteer_chat_id {
        recipients.push((ChatId(chat), app.config.default_language));
    }
    let sends = recipients.into_iter().map(|(chat, lang)| {
        let reasons = reasons
            .iter()
            .map(|r| app.locales.text(lang, &reason_text_id(r)))
            .collect::<Vec<_>>()
            .join(", ");
        let id = if still_answering {
            "alert-critical-gate"
        } else {
            "alert-critical"
        };
        let text = app.locales.text_with(
            lang,
            id,
            &[("case", case.into()), ("reasons", reasons.into())],
        );
        async move {
            if let Err(e) = send::text(bot, chat, text).await {
                tracing::warn!(chat_id = chat.0, case, error = %e, "critical alert not delivered");
            }
        }
    });
    join_all(sends).await;
    tracing::info!(case, "critical alert sent");
}
