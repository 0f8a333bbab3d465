//! The HTTP surface without teloxide: method-name case, encodings, and
//! robustness against malformed requests.

use botapi_emulator::{Emulator, FaultKind, METHODS, errors};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const TOKEN: &str = "42:raw-http_token";

/// One HTTP/1.1 request; `None` when the connection closed without a full answer.
async fn http(
    emu: &Emulator,
    method: &str,
    path: &str,
    content_type: Option<&str>,
    body: &[u8],
) -> Option<(u16, Value)> {
    let mut stream = TcpStream::connect(emu.addr()).await.ok()?;
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    if let Some(ct) = content_type {
        head.push_str(&format!("Content-Type: {ct}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).await.ok()?;
    stream.write_all(body).await.ok()?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await.ok()?;
    let text = String::from_utf8_lossy(&raw);
    let status: u16 = text.split_whitespace().nth(1)?.parse().ok()?;
    let (_, body) = text.split_once("\r\n\r\n")?;
    Some((status, serde_json::from_str(body).ok()?))
}

async fn post_json(emu: &Emulator, method: &str, body: Value) -> (u16, Value) {
    let path = format!("/bot{TOKEN}/{method}");
    http(
        emu,
        "POST",
        &path,
        Some("application/json"),
        body.to_string().as_bytes(),
    )
    .await
    .expect("a complete answer")
}

#[tokio::test]
async fn method_names_are_case_insensitive() {
    let emu = Emulator::start().await.unwrap();
    emu.user(1).send_text("hi");
    let (status, body) = post_json(&emu, "SENDMESSAGE", json!({"chat_id": 1, "text": "hey"})).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["result"]["text"], "hey");
    let (status, body) = post_json(&emu, "getme", json!({})).await;
    assert_eq!(
        (status, body["result"]["is_bot"].clone()),
        (200, json!(true))
    );
    let methods: Vec<String> = emu.calls().into_iter().map(|c| c.method).collect();
    assert_eq!(methods, ["sendMessage", "getMe"]);
}

#[tokio::test]
async fn form_query_and_multipart_params() {
    let emu = Emulator::start().await.unwrap();
    emu.user(2).send_text("hi");
    let path = format!("/bot{TOKEN}/sendMessage");
    let (status, _) = http(
        &emu,
        "POST",
        &path,
        Some("application/x-www-form-urlencoded"),
        b"chat_id=2&text=a+b%21",
    )
    .await
    .unwrap();
    assert_eq!(status, 200);
    let path_q = format!("/bot{TOKEN}/sendMessage?chat_id=2&text=from%20query");
    assert_eq!(http(&emu, "GET", &path_q, None, b"").await.unwrap().0, 200);
    let multipart = b"--B\r\nContent-Disposition: form-data; name=\"chat_id\"\r\n\r\n2\r\n\
--B\r\nContent-Disposition: form-data; name=\"document\"; filename=\"r.txt\"\r\n\r\nhello\r\n--B--\r\n";
    let path_d = format!("/bot{TOKEN}/sendDocument");
    let (status, body) = http(
        &emu,
        "POST",
        &path_d,
        Some("multipart/form-data; boundary=B"),
        multipart,
    )
    .await
    .unwrap();
    assert_eq!(status, 200, "{body}");
    let texts: Vec<String> = emu
        .sent(2)
        .iter()
        .map(|m| m.text_or_empty().to_owned())
        .collect();
    assert_eq!(texts, ["a b!", "from query", ""]);
    let file = emu.last_sent(2).unwrap().file.unwrap();
    assert_eq!(
        (file.file_name.as_deref(), file.size),
        (Some("r.txt"), Some(5))
    );
}

#[tokio::test]
async fn bad_requests_get_bot_api_errors() {
    let emu = Emulator::start().await.unwrap();
    let (status, body) = post_json(&emu, "noSuchMethod", json!({})).await;
    assert_eq!(
        (status, body["description"].as_str()),
        (404, Some(errors::METHOD_NOT_FOUND))
    );
    assert_eq!(body["ok"], false);
    assert_eq!(body["error_code"], 404);
    let bad_token = http(&emu, "POST", "/botnot-a-token/getMe", None, b"")
        .await
        .unwrap();
    assert_eq!(
        (bad_token.0, bad_token.1["description"].as_str()),
        (401, Some("Unauthorized"))
    );
    assert_eq!(http(&emu, "GET", "/", None, b"").await.unwrap().0, 404);
    let path = format!("/bot{TOKEN}/sendMessage");
    for (ct, body) in [
        ("application/json", &b"{not json"[..]),
        ("application/json", b"[1,2]"),
        ("multipart/form-data; boundary=Z", b"garbage"),
        ("multipart/form-data", b"--x--"),
    ] {
        let (status, answer) = http(&emu, "POST", &path, Some(ct), body).await.unwrap();
        assert_eq!(
            (status, answer["ok"].clone()),
            (400, json!(false)),
            "{ct} {answer}"
        );
    }
    emu.user(3).send_text("hi");
    for params in [
        json!({"chat_id": {"a": 1}, "text": "x"}),
        json!({"chat_id": 3}),
        json!({"chat_id": 3, "text": "x", "reply_markup": "not json"}),
        json!({"chat_id": 3, "text": "x", "reply_markup": {"inline_keyboard": "no"}}),
        json!({"chat_id": 3, "text": "x", "parse_mode": "BBCode"}),
        json!({"chat_id": 3, "text": "x", "reply_to_message_id": "abc"}),
    ] {
        let (status, answer) = post_json(&emu, "sendMessage", params.clone()).await;
        assert_eq!(status, 400, "{params} → {answer}");
    }
    let (status, answer) =
        post_json(&emu, "sendMessage", json!({"chat_id": "3", "text": 123})).await;
    assert_eq!(
        (status, answer["result"]["text"].clone()),
        (200, json!("123"))
    );
}

#[tokio::test]
async fn server_error_and_drop_faults_on_the_wire() {
    let emu = Emulator::start().await.unwrap();
    emu.fail_next("getMe", 1, FaultKind::ServerError(502));
    let (status, body) = post_json(&emu, "getMe", json!({})).await;
    assert_eq!(
        (status, body["description"].as_str()),
        (502, Some(errors::BAD_GATEWAY))
    );
    emu.fail_next("getMe", 1, FaultKind::Drop);
    let path = format!("/bot{TOKEN}/getMe");
    assert!(http(&emu, "POST", &path, None, b"").await.is_none());
    assert_eq!(post_json(&emu, "getMe", json!({})).await.0, 200);
}

/// Every method survives junk params: always a JSON answer, never a dropped connection.
#[tokio::test]
async fn no_method_panics_on_junk() {
    let emu = Emulator::start().await.unwrap();
    emu.user(9).send_text("hi");
    emu.group(-100).from(9).send_text("hi");
    let junk = [
        json!({}),
        json!({"chat_id": 9}),
        json!({"chat_id": -100, "message_id": 1, "from_chat_id": 9}),
        json!({"chat_id": 9, "message_id": -1, "text": "", "caption": null, "photo": {"x": 1}}),
        json!({"chat_id": 9, "message_id": 99999999999_i64, "user_id": "x", "file_id": 5}),
        json!({"chat_id": 9, "reply_markup": [], "commands": {"x": 1}, "scope": "default", "offset": "x"}),
        json!({"chat_id": 9, "message_ids": "x", "latitude": "north", "longitude": 1e308, "action": 7}),
        json!({"chat_id": 9, "text": "<b><i>x</b></i>", "parse_mode": "HTML", "entities": "x"}),
        json!({"chat_id": 9, "text": "*_~||`", "parse_mode": "MarkdownV2", "reply_parameters": 5}),
        json!({"chat_id": 9, "text": "[x](", "parse_mode": "Markdown", "language_code": "xx-YY"}),
        json!({"callback_query_id": ["a"], "allowed_updates": {"a": 1}, "limit": -5, "timeout": -1}),
    ];
    for method in METHODS {
        for params in &junk {
            let (status, answer) = post_json(&emu, method, params.clone()).await;
            assert!(
                answer["ok"].is_boolean(),
                "{method} {params} → {status} {answer}"
            );
            assert_eq!(
                answer["ok"] == json!(true),
                status == 200,
                "{method} {params} → {answer}"
            );
        }
    }
}
