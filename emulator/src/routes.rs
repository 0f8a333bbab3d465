//! The HTTP side: `/bot<token>/<method>` and `/file/bot<token>/<path>`,
//! request decoding, fault injection, the call log and responses.

use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::{Body, Bytes, HttpBody};
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::errors::{self, ApiErr};
use crate::faults::FaultKind;
use crate::methods::{self, polling};
use crate::model::ApiCall;
use crate::params::{Params, percent_decode_with};
use crate::state::Shared;

/// Largest accepted request body (Telegram's upload limit for bots is 50 MB).
const BODY_LIMIT: usize = 64 * 1024 * 1024;
/// Largest file body served by the download route.
const DOWNLOAD_LIMIT: usize = 20 * 1024 * 1024;

/// The router: every path goes through [`handle`], which always answers in
/// Bot API JSON (or cuts the connection when a fault says so).
pub(crate) fn router(shared: Arc<Shared>) -> Router {
    Router::new().fallback(handle).with_state(shared)
}

/// What to send back.
enum Reply {
    Json(u16, Value),
    /// Cut the connection instead of answering.
    Cut,
}

/// A response body that fails at once, so hyper aborts the connection and
/// the client sees a network error.
struct CutBody;

impl HttpBody for CutBody {
    type Data = Bytes;
    type Error = io::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, io::Error>>> {
        Poll::Ready(Some(Err(io::Error::new(
            io::ErrorKind::ConnectionAborted,
            "emulated fault: connection dropped",
        ))))
    }
}

impl IntoResponse for Reply {
    fn into_response(self) -> Response {
        match self {
            Reply::Json(status, body) => {
                let status =
                    StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
                (status, axum::Json(body)).into_response()
            }
            Reply::Cut => (
                [(header::CONTENT_TYPE, "application/json")],
                Body::new(CutBody),
            )
                .into_response(),
        }
    }
}

fn ok_json(result: Value) -> Reply {
    Reply::Json(200, json!({ "ok": true, "result": result }))
}

fn err_json(err: &ApiErr) -> Reply {
    Reply::Json(err.code, err.to_json())
}

/// `123456:ABC-def_ghi` — digits, a colon, then letters/digits/`-`/`_`.
fn valid_token(token: &str) -> bool {
    let Some((id, secret)) = token.split_once(':') else {
        return false;
    };
    !id.is_empty()
        && id.bytes().all(|b| b.is_ascii_digit())
        && !secret.is_empty()
        && secret
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

fn token_of(segment: &str) -> Option<String> {
    segment
        .strip_prefix("bot")
        .map(|t| percent_decode_with(t.as_bytes(), false))
}

async fn handle(State(shared): State<Arc<Shared>>, req: Request) -> Response {
    let arrived = Instant::now();
    let (parts, body) = req.into_parts();
    let path = parts.uri.path().trim_start_matches('/').to_owned();
    let segments: Vec<&str> = path.split('/').collect();
    match segments.as_slice() {
        ["file", bot, rest @ ..] if !rest.is_empty() => match token_of(bot) {
            Some(token) if valid_token(&token) => {
                // teloxide sends the file path as one segment, with `/` as %2F.
                download(
                    &shared,
                    &percent_decode_with(rest.join("/").as_bytes(), false),
                )
            }
            _ => err_json(&ApiErr::new(401, errors::UNAUTHORIZED)).into_response(),
        },
        [bot, method] => match token_of(bot) {
            Some(token) => {
                let method = percent_decode_with(method.as_bytes(), false);
                let content_type = parts
                    .headers
                    .get(header::CONTENT_TYPE)
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_owned);
                let bytes = axum::body::to_bytes(body, BODY_LIMIT).await;
                let request = Incoming {
                    token: &token,
                    method: &method,
                    query: parts.uri.query(),
                    content_type: content_type.as_deref(),
                    body: bytes.as_deref().ok(),
                };
                // The network distance to a real Bot API: half on the way there, half back.
                let half = shared.half_round_trip();
                if !half.is_zero() {
                    tokio::time::sleep(half).await;
                }
                let (mut call, reply) = run(&shared, request).await;
                if !half.is_zero() {
                    tokio::time::sleep(half).await;
                }
                call.at = arrived.saturating_duration_since(shared.started);
                call.took = arrived.elapsed();
                shared.lock().record(call);
                shared.notify();
                reply.into_response()
            }
            None => err_json(&ApiErr::new(404, "Not Found")).into_response(),
        },
        _ => err_json(&ApiErr::new(404, "Not Found")).into_response(),
    }
}

/// A decoded method call.
struct Incoming<'a> {
    token: &'a str,
    method: &'a str,
    query: Option<&'a str>,
    content_type: Option<&'a str>,
    /// `None` when the body was over the limit or unreadable.
    body: Option<&'a [u8]>,
}

/// Runs one method call through token check, faults and the method itself.
async fn run(shared: &Shared, req: Incoming<'_>) -> (ApiCall, Reply) {
    let canonical = methods::canonical(req.method);
    let mut call = ApiCall {
        seq: 0,
        method: canonical.map_or_else(|| req.method.to_owned(), str::to_owned),
        chat_id: None,
        at: Duration::ZERO,
        took: Duration::ZERO,
        params: Value::Null,
        status: 200,
        error: None,
        fault: None,
    };
    let outcome = async {
        if !valid_token(req.token) {
            return Err(ApiErr::new(401, errors::UNAUTHORIZED));
        }
        let canonical = canonical.ok_or_else(|| ApiErr::new(404, errors::METHOD_NOT_FOUND))?;
        let body = req
            .body
            .ok_or_else(|| ApiErr::new(413, errors::TOO_LARGE))?;
        let params = Params::from_request(req.query, req.content_type, body)?;
        Ok((canonical, params))
    }
    .await;
    let (method, params) = match outcome {
        Ok(x) => x,
        Err(e) => return finish(call, Err(e)),
    };
    call.params = params.to_value();
    call.chat_id = params.i64("chat_id").ok().flatten();

    let decision = shared.lock().faults.decide(method);
    if let Some(delay) = decision.delay {
        tokio::time::sleep(delay).await;
    }
    call.fault = decision.failure.clone();
    let lost = match decision.failure {
        None => false,
        Some(FaultKind::LostResponse) => true,
        Some(FaultKind::Drop) => {
            call.status = 0;
            call.error = Some("connection dropped (fault)".into());
            return (call, Reply::Cut);
        }
        Some(FaultKind::RetryAfter(secs)) => return finish(call, Err(ApiErr::retry_after(secs))),
        Some(FaultKind::ServerError(code)) => {
            let description = if code == 502 {
                errors::BAD_GATEWAY
            } else {
                errors::INTERNAL_SERVER_ERROR
            };
            return finish(call, Err(ApiErr::new(code, description)));
        }
        Some(FaultKind::Api { code, description }) => {
            return finish(call, Err(ApiErr::new(code, description)));
        }
        Some(FaultKind::Slow(_)) => false,
    };
    let result = if method == "getUpdates" {
        polling::get_updates(shared, &params).await
    } else {
        let mut inner = shared.lock();
        let now = Instant::now();
        let flood_chat = call.chat_id.filter(|_| methods::creates_message(method));
        match flood_chat.map(|chat| inner.flood.check(chat, now)) {
            Some(Err(secs)) => Err(ApiErr::retry_after(secs)),
            _ => {
                let result = methods::call(&mut inner, method, &params);
                if let (Ok(_), Some(chat)) = (&result, flood_chat) {
                    inner.flood.record(chat, now);
                }
                result
            }
        }
    };
    let (mut call, reply) = finish(call, result);
    if lost {
        call.status = 0;
        call.error = Some("response lost (fault)".into());
        return (call, Reply::Cut);
    }
    (call, reply)
}

fn finish(mut call: ApiCall, result: Result<Value, ApiErr>) -> (ApiCall, Reply) {
    match result {
        Ok(value) => {
            call.status = 200;
            (call, ok_json(value))
        }
        Err(e) => {
            call.status = e.code;
            call.error = Some(e.description.clone());
            (call, err_json(&e))
        }
    }
}

/// `GET /file/bot<token>/<kind>/<file_id>`: placeholder bytes of the file's size.
fn download(shared: &Shared, path: &str) -> Response {
    let id = path.rsplit('/').next().unwrap_or(path);
    let size = shared.lock().files.get(id).map(|f| f.size);
    match size {
        Some(size) => (
            [(header::CONTENT_TYPE, "application/octet-stream")],
            vec![0u8; size.min(DOWNLOAD_LIMIT)],
        )
            .into_response(),
        None => err_json(&ApiErr::new(404, "Not Found")).into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_format() {
        assert!(valid_token("123456:ABC-def_9"));
        assert!(!valid_token("123456"));
        assert!(!valid_token(":abc"));
        assert!(!valid_token("12a:abc"));
        assert!(!valid_token("12:"));
        assert!(!valid_token("12:a b"));
    }
}
