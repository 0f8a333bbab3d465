//! answerCallbackQuery.

use serde_json::Value;

use crate::errors::{self, ApiErr};
use crate::model::{CallbackAnswer, Event};
use crate::params::Params;
use crate::state::Inner;

/// Maximum answer text length (Telegram: 0-200 characters).
const MAX_ANSWER: usize = 200;

/// answerCallbackQuery: each query can be answered once.
pub(super) fn answer(inner: &mut Inner, p: &Params) -> Result<Value, ApiErr> {
    let id = p.str("callback_query_id").unwrap_or_default();
    let text = p.str("text");
    if text
        .as_ref()
        .is_some_and(|t| t.chars().count() > MAX_ANSWER)
    {
        return Err(ApiErr::bad_request("MESSAGE_TOO_LONG"));
    }
    let pending = inner
        .callbacks
        .get_mut(&id)
        .filter(|c| !c.answered)
        .ok_or_else(|| ApiErr::bad(errors::QUERY_INVALID))?;
    pending.answered = true;
    let answer = CallbackAnswer {
        callback_query_id: id,
        text,
        show_alert: p.bool("show_alert"),
        url: p.str("url"),
        chat_id: pending.chat_id,
        user_id: pending.user_id,
        message_id: pending.message_id,
    };
    inner.emit(Event::CallbackAnswered(answer.clone()));
    inner.callback_answers.push(answer);
    Ok(Value::Bool(true))
}
