//! The code word: when a case is claimed, the person and the volunteer get the same word (in
//! the person's language), shown again by `/case N`, new after a hand-back, gone after
//! `/forget`.

use crate::common;

use common::{Env, Person, USER, all_text, count, submit_calm_case, texts_to};

const SUPERVISOR: i64 = 5101;
const VOLUNTEER: i64 = 5102;
const GROUP: i64 = -100_510;

/// The word in a "🔑 …: WORD. …" or "🔑 …: WORD (…" line.
fn word_in(text: &str) -> Option<String> {
    let line = text.lines().find(|l| l.starts_with("🔑"))?;
    let after = line.split_once(": ")?.1;
    Some(after.split(['.', ' ', '(']).next()?.trim().to_owned())
}

#[tokio::test]
async fn the_person_and_the_volunteer_get_the_same_code_word_at_the_claim() {
    let env = Env::new(&[SUPERVISOR], Some(GROUP));
    let app = env.app().await;
    let mut p = Person::with_id(&app, SUPERVISOR, Some("en")).await;
    common::volunteer_on_shift(&mut p, SUPERVISOR, VOLUNTEER).await;
    submit_calm_case(&mut p).await;
    p.switch_to(VOLUNTEER, Some("en"));
    let r = p.say("/claim 1").await;
    let theirs = word_in(&all_text(&r, USER)).expect("the person's code word");
    let mine = word_in(&all_text(&r, VOLUNTEER)).expect("the volunteer's code word");
    assert_eq!(theirs, mine);
    assert!(all_text(&r, USER).contains("does not know it, do not go with them"));
    let words = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/dialogues/codewords.toml"
    ))
    .unwrap();
    assert!(
        words.contains(&format!("\"{theirs}\"")),
        "{theirs} is from the list"
    );

    let r = p.say("/case 1").await;
    assert_eq!(
        word_in(&all_text(&r, VOLUNTEER)).as_deref(),
        Some(theirs.as_str())
    );

    // Handed back, the word goes with the claim.
    p.say("/release 1 shift over").await;
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM cases WHERE id = 1 AND code_word IS NULL"
        )
        .await,
        1
    );
    let r = p.say("/claim 1").await;
    assert!(
        word_in(&all_text(&r, USER)).is_some(),
        "{:?}",
        texts_to(&r, USER)
    );

    // /forget takes it away with the rest.
    p.switch_to(USER, Some("en"));
    p.say("/forget").await;
    p.press("Yes, erase everything").await;
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM cases WHERE code_word IS NOT NULL"
        )
        .await,
        0
    );
}
