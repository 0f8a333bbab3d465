//! A claim is atomic: 20 volunteers pressing Claim on the same case at once, each through its
//! own connection pool to one SQLite file (as separate processes would), end with exactly one
//! owner; everyone else is told it was taken.

use evac_intake::{
    db::{ClaimOutcome, Db},
    i18n::Lang,
    survey::{Answer, AnswerMap},
    triage::{Priority, Triage},
};

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn twenty_concurrent_claimers_one_owner() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("race.db").display());
    let db = Db::connect(&url).await.unwrap();
    let mut answers = AnswerMap::new();
    answers.insert("safety".into(), Answer::Choice("danger".into()));
    // A requester with a submitted case.
    let state = evac_intake::survey::SurveyState {
        position: evac_intake::survey::Position::Summary,
        answers: answers.clone(),
        editing: false,
    };
    db.begin_survey(42, Lang::Uk, 1, &state, 0, false)
        .await
        .unwrap();
    let triage = Triage {
        priority: Priority::Critical,
        reasons: vec!["danger_now".into()],
    };
    let case = match db
        .submit_case(42, 2, &answers, &triage, Lang::Uk, None, 0)
        .await
        .unwrap()
    {
        evac_intake::db::SubmitOutcome::Registered(id) => id,
        other => panic!("{other:?}"),
    };

    let mut pools = Vec::new();
    for _ in 0..20 {
        pools.push(Db::connect(&url).await.unwrap());
    }
    let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(20));
    let tasks: Vec<_> = pools
        .into_iter()
        .enumerate()
        .map(|(i, db)| {
            let barrier = barrier.clone();
            tokio::spawn(async move {
                barrier.wait().await;
                db.claim_case(case, 1000 + i as i64, 5, 10).await.unwrap()
            })
        })
        .collect();
    let mut owners = 0;
    let mut taken = 0;
    for t in tasks {
        match t.await.unwrap() {
            ClaimOutcome::Claimed(_) => owners += 1,
            ClaimOutcome::Taken { by_me: false } => taken += 1,
            other => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!(owners, 1, "exactly one owner");
    assert_eq!(taken, 19, "everyone else is told it was taken");
    let row = db.case(case).await.unwrap().unwrap();
    assert!(row.volunteer_id.unwrap() >= 1000);
    assert_eq!(row.status.as_str(), "claimed");
}

#[tokio::test]
async fn a_volunteer_at_the_cap_cannot_claim_more() {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::connect(&format!("sqlite://{}", dir.path().join("cap.db").display()))
        .await
        .unwrap();
    let triage = Triage {
        priority: Priority::Normal,
        reasons: vec![],
    };
    let mut cases = Vec::new();
    for requester in 1..=3 {
        let state = evac_intake::survey::SurveyState {
            position: evac_intake::survey::Position::Summary,
            answers: AnswerMap::new(),
            editing: false,
        };
        db.begin_survey(requester, Lang::En, requester * 10, &state, 0, false)
            .await
            .unwrap();
        match db
            .submit_case(
                requester,
                requester * 10 + 1,
                &AnswerMap::new(),
                &triage,
                Lang::En,
                None,
                0,
            )
            .await
            .unwrap()
        {
            evac_intake::db::SubmitOutcome::Registered(id) => cases.push(id),
            other => panic!("{other:?}"),
        }
    }
    assert!(matches!(
        db.claim_case(cases[0], 7, 2, 1).await.unwrap(),
        ClaimOutcome::Claimed(_)
    ));
    assert!(matches!(
        db.claim_case(cases[1], 7, 2, 1).await.unwrap(),
        ClaimOutcome::Claimed(_)
    ));
    assert_eq!(
        db.claim_case(cases[2], 7, 2, 1).await.unwrap(),
        ClaimOutcome::AtCapacity { limit: 2 }
    );
    assert_eq!(
        db.claim_case(cases[0], 7, 2, 1).await.unwrap(),
        ClaimOutcome::Taken { by_me: true }
    );
    assert_eq!(
        db.claim_case(999, 7, 2, 1).await.unwrap(),
        ClaimOutcome::NotFound
    );
}
