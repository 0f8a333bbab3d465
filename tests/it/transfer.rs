//! Hand-over: `/transfer N USER_ID` moves a case to another trained volunteer; the person is
//! told a new volunteer took over (never who), the new one gets the details and the person's
//! next messages, the old one loses access.

use crate::common;

use common::{Env, Person, USER, all_text, submit_calm_case, texts_to};

const SUPERVISOR: i64 = 3001;
const VOLUNTEER: i64 = 3002;
const NEXT: i64 = 3003;
const TRAINEE: i64 = 3004;
const GROUP: i64 = -100_303;

#[tokio::test]
async fn a_case_passes_to_another_trained_volunteer_and_the_old_one_loses_access() {
    let env = Env::new(&[SUPERVISOR], Some(GROUP));
    let app = env.app().await;
    let mut p = Person::with_id(&app, SUPERVISOR, Some("en")).await;
    common::volunteer_on_shift(&mut p, SUPERVISOR, VOLUNTEER).await;
    common::volunteer_on_shift(&mut p, SUPERVISOR, NEXT).await;
    p.switch_to(TRAINEE, Some("en"));
    p.say("/start").await;
    p.switch_to(SUPERVISOR, Some("en"));
    p.say(&format!("/addvolunteer {TRAINEE}")).await;
    submit_calm_case(&mut p).await;
    p.switch_to(USER, Some("en"));
    let r = p.say("Qqbefore: we are in the basement").await;
    assert!(r.to(VOLUNTEER).is_empty());
    p.switch_to(VOLUNTEER, Some("en"));
    p.say("/claim 1").await;

    for (to, refusal) in [
        (TRAINEE, "has no valid training"),
        (7777, "is not on the volunteer roster"),
        (VOLUNTEER, "already theirs"),
    ] {
        let r = p.say(&format!("/transfer 1 {to}")).await;
        assert!(
            all_text(&r, VOLUNTEER).contains(refusal),
            "{to}: {:?}",
            texts_to(&r, VOLUNTEER)
        );
    }
    let r = p.say(&format!("/transfer 1 {NEXT}")).await;
    assert!(all_text(&r, VOLUNTEER).contains(&format!("#1 is passed to volunteer {NEXT}")));
    let told = all_text(&r, USER);
    assert!(
        told.contains("Another volunteer took over your request #1"),
        "{told}"
    );
    assert!(!told.contains(&NEXT.to_string()) && !told.contains(&VOLUNTEER.to_string()));
    let details = all_text(&r, NEXT);
    assert!(
        details.contains("#1 is passed to you") && details.contains("Izium"),
        "{details}"
    );
    assert_eq!(
        app.db.case(1).await.unwrap().unwrap().volunteer_id,
        Some(NEXT)
    );

    // The old volunteer: no details, no /msg.
    let r = p.say("/case 1").await;
    assert!(!all_text(&r, VOLUNTEER).contains("Izium"));
    let r = p.say("/msg 1 hello").await;
    assert!(r.to(USER).is_empty());
    // The person's next message reaches the new volunteer only.
    p.switch_to(USER, Some("en"));
    let r = p.say("Qqafter: still here").await;
    let copy = r.last_copy().expect("relayed");
    assert_eq!(copy.chat_id, NEXT);
    assert!(r.to(VOLUNTEER).is_empty());
}

/// What Telegram sends when the person is chosen in the picker with this request id.
fn shared(request_id: i32, user: i64) -> serde_json::Value {
    serde_json::json!({ "users_shared": { "request_id": request_id, "users": [{ "user_id": user }] } })
}

#[tokio::test]
async fn without_a_user_id_the_command_opens_telegrams_user_picker() {
    let env = Env::new(&[SUPERVISOR], Some(GROUP));
    let app = env.app().await;
    let mut p = Person::with_id(&app, SUPERVISOR, Some("en")).await;
    common::volunteer_on_shift(&mut p, SUPERVISOR, VOLUNTEER).await;
    p.switch_to(NEXT, Some("en"));
    p.say("/start").await;

    p.switch_to(SUPERVISOR, Some("en"));
    let r = p.say("/addvolunteer").await;
    assert!(all_text(&r, SUPERVISOR).contains("Choose the person"));
    let picker = format!("{:?}", r.last_to(SUPERVISOR).unwrap().reply_markup);
    assert!(picker.contains("request_users"), "{picker}");
    let r = p.send(|u| u.send_fields(shared(1, NEXT))).await;
    assert!(
        all_text(&r, SUPERVISOR).contains(&format!("Volunteer {NEXT} is added")),
        "{:?}",
        texts_to(&r, SUPERVISOR)
    );
    common::train(&mut p, SUPERVISOR, NEXT).await;

    submit_calm_case(&mut p).await;
    p.switch_to(VOLUNTEER, Some("en"));
    p.say("/claim 1").await;
    let r = p.say("/transfer 1").await;
    assert!(all_text(&r, VOLUNTEER).contains("Choose the person"));
    let r = p.send(|u| u.send_fields(shared(2_000_000_001, NEXT))).await;
    assert!(
        all_text(&r, VOLUNTEER).contains(&format!("#1 is passed to volunteer {NEXT}")),
        "{:?}",
        texts_to(&r, VOLUNTEER)
    );
    // A volunteer cannot use the supervisors' picker answer to add anyone.
    let r = p.send(|u| u.send_fields(shared(1, 9999))).await;
    assert!(all_text(&r, VOLUNTEER).contains("Only supervisors"));
    assert!(!app.db.is_volunteer(9999).await.unwrap());
}
