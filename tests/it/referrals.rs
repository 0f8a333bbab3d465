//! `/refer N ORG`: nothing leaves for a partner organisation until the person agrees with a
//! button; their answer is kept and audited; the summary carries no name, phone or place.

use crate::common;

use common::{Env, Person, USER, all_text, count, submit_calm_case, texts_to, toast};

const SUPERVISOR: i64 = 2101;
const VOLUNTEER: i64 = 2102;
const GROUP: i64 = -100_210;
/// "medics" in dialogues/partners.toml.
const MEDICS: i64 = -1_009_990_002;

async fn claimed(env: &Env) -> (evac_intake::bot::App, Person) {
    let app = env.app().await;
    let mut p = Person::with_id(&app, SUPERVISOR, Some("en")).await;
    p.emu.group(MEDICS).title("Volunteer Medics");
    common::volunteer_on_shift(&mut p, SUPERVISOR, VOLUNTEER).await;
    submit_calm_case(&mut p).await;
    p.switch_to(VOLUNTEER, Some("en"));
    p.say("/claim 1").await;
    (app, p)
}

#[tokio::test]
async fn a_referral_is_sent_only_after_the_person_agrees_and_carries_no_personal_data() {
    let env = Env::new(&[SUPERVISOR], Some(GROUP));
    let (app, mut p) = claimed(&env).await;
    let r = p.say("/refer 1 nobody").await;
    assert!(all_text(&r, VOLUNTEER).contains("Partners: shelter_network, medics"));
    let r = p.say("/refer 1 medics").await;
    assert!(all_text(&r, VOLUNTEER).contains("Nothing is sent before they agree"));
    assert!(r.to(MEDICS).is_empty(), "nothing leaves before consent");
    let ask = r.last_to(USER).cloned().expect("the person is asked");
    assert!(
        ask.text_or_empty()
            .contains("not your name, phone number or address")
    );
    let r = p.say("/refer 1 medics").await;
    assert!(all_text(&r, VOLUNTEER).contains("has not answered"));

    // Someone else pressing the person's button: refused.
    p.switch_to(VOLUNTEER, Some("en"));
    let r = p.press_on_moved("ra:1:y", &ask, VOLUNTEER).await;
    assert!(toast(&r).is_some());
    assert!(p.emu.sent(MEDICS).is_empty());

    p.switch_to(USER, Some("en"));
    p.keyboard = Some(ask);
    let r = p.press("Yes, share it").await;
    let summary = all_text(&r, MEDICS);
    // In the network's default language (Ukrainian here): the partner is no one's chat.
    assert!(
        summary.contains("за згодою людини") && summary.contains("#1"),
        "{summary}"
    );
    for private in ["Izium", "Sadova", "765", "insulin", &USER.to_string()] {
        assert!(!summary.contains(private), "{private} in {summary}");
    }
    assert!(all_text(&r, VOLUNTEER).contains("agreed"));
    assert!(all_text(&r, USER).contains("is passed to Volunteer Medics"));
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM referrals WHERE answer = 'yes'").await,
        1
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'refer_consent' AND detail = 'yes'"
        )
        .await,
        1
    );
    // Answered once.
    let r = p.press_data("ra:1:n").await;
    assert!(toast(&r).is_some());
    assert_eq!(p.emu.sent(MEDICS).len(), 1);
}

#[tokio::test]
async fn a_declined_referral_sends_nothing_and_tells_the_volunteer() {
    let env = Env::new(&[SUPERVISOR], Some(GROUP));
    let (app, mut p) = claimed(&env).await;
    let r = p.say("/refer 1 medics").await;
    let ask = r.last_to(USER).cloned().unwrap();
    p.switch_to(USER, Some("en"));
    p.keyboard = Some(ask);
    let r = p.press("No").await;
    assert!(
        all_text(&r, USER).contains("nothing is shared"),
        "{:?}",
        texts_to(&r, USER)
    );
    assert!(all_text(&r, VOLUNTEER).contains("declined: nothing was sent"));
    assert!(p.emu.sent(MEDICS).is_empty());
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM referrals WHERE answer = 'no'").await,
        1
    );
}
