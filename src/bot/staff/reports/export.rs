//! `/export [full]`: a CSV of every case, sent to the supervisor who asked and nobody else;
//! without `full` it holds ids, codes, numbers and times only; `full` adds typed text, places,
//! phones and requester ids. Every export is audited. Written with the `csv` crate; a cell
//! that a spreadsheet would run as a formula is defused.

use teloxide::{prelude::*, types::InputFile};

use super::{Staff, compact_date, t, utc_second};
use crate::{
    bot::{App, HandlerResult, send},
    db::{AuditAction, CaseRow},
    resources::Resource,
    survey::{Answer, AnswerMap, Kind, Survey},
};

/// `/export` or `/export full`: the CSV goes to the asking supervisor's own chat only.
pub(super) async fn send_export(bot: &Bot, app: &App, me: &Staff, args: &str) -> HandlerResult {
    let full = match args.trim().to_lowercase().as_str() {
        "" => false,
        "full" => true,
        _ => {
            send::text(bot, me.chat, t(app, me, "report-usage-export")).await?;
            return Ok(());
        }
    };
    let cases = app.db.cases_for_export().await?;
    let rows: Vec<ExportRow<'_>> = cases
        .iter()
        .map(|(case, closed_at, verified, flagged)| {
            ExportRow::new(case, *closed_at, *verified, *flagged)
        })
        .collect();
    let csv = export_csv(&app.survey, &rows, full)?;
    let now = app.now();
    // Recorded before sending: an export that may have left is never missing from the log.
    let detail = if full { "full" } else { "basic" };
    app.db
        .audit(me.id, AuditAction::Export, None, None, Some(detail), now)
        .await?;
    let caption = app.locales.text_with(
        me.lang,
        if full {
            "report-export-full"
        } else {
            "report-export-basic"
        },
        &[("count", cases.len().into())],
    );
    // Staff commands come from private chats only; never let a file go anywhere else.
    let to = if me.chat.0 == me.id {
        me.chat
    } else {
        ChatId(me.id)
    };
    let file =
        InputFile::memory(csv.into_bytes()).file_name(format!("cases-{}.csv", compact_date(now)));
    bot.send_document(to, file).caption(caption).await?;
    let resources = app.db.resources_for_export().await?;
    if !resources.is_empty() {
        let csv = resources_csv(&resources)?;
        let file = InputFile::memory(csv.into_bytes())
            .file_name(format!("resources-{}.csv", compact_date(now)));
        bot.send_document(to, file).await?;
    }
    Ok(())
}

/// The resources CSV: one row per resource, with how often it was sent and what requesters
/// said about it (counts only: no case, no person).
pub(super) fn resources_csv(rows: &[(Resource, i64, i64, i64)]) -> Result<String, csv::Error> {
    let header = [
        "id",
        "kind",
        "region",
        "title",
        "details",
        "phone",
        "capacity",
        "status",
        "status_note",
        "reported_wrong",
        "verified_by",
        "verified_at",
        "expires_at",
        "times_sent",
        "helped",
        "wrong",
    ];
    let mut records = vec![header.iter().map(|s| s.to_string()).collect::<Vec<_>>()];
    for (r, sent, helped, wrong) in rows {
        records.push(vec![
            r.id.to_string(),
            r.kind.code().to_owned(),
            r.region.clone(),
            defuse_formula(&r.title),
            defuse_formula(&r.details),
            r.phone.as_deref().map(defuse_formula).unwrap_or_default(),
            r.capacity.map(|c| c.to_string()).unwrap_or_default(),
            r.status.code().to_owned(),
            r.status_note
                .as_deref()
                .map(defuse_formula)
                .unwrap_or_default(),
            r.needs_check.to_string(),
            r.verified_by.to_string(),
            utc_second(r.verified_at),
            utc_second(r.expires_at),
            sent.to_string(),
            helped.to_string(),
            wrong.to_string(),
        ]);
    }
    to_csv(records)
}

/// Columns every export has, in order.
pub(super) const CASE_HEADER: [&str; 14] = [
    "id",
    "status",
    "priority",
    "reasons",
    "region",
    "language",
    "submitted",
    "created_at",
    "claimed_at",
    "closed_at",
    "outcome",
    "volunteer_id",
    "verified",
    "flagged",
];

/// Answers a basic export may hold: ids of choices and numbers. Typed text, places and phones
/// only with `full`; the consent screen is not an answer.
pub(super) fn exported_kind(kind: Kind, full: bool) -> bool {
    match kind {
        Kind::Single | Kind::Multi | Kind::YesNo | Kind::Number => true,
        Kind::Text | Kind::Location | Kind::Phone => full,
        Kind::Consent => false,
    }
}

/// A case as the export sees it.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct ExportRow<'a> {
    pub(super) id: i64,
    pub(super) status: &'static str,
    pub(super) priority: &'static str,
    pub(super) reasons: &'a [String],
    pub(super) region: Option<&'a str>,
    pub(super) language: &'static str,
    pub(super) submitted: bool,
    pub(super) created_at: i64,
    pub(super) claimed_at: Option<i64>,
    pub(super) closed_at: Option<i64>,
    pub(super) outcome: Option<&'a str>,
    pub(super) volunteer_id: Option<i64>,
    pub(super) verified: bool,
    pub(super) flagged: bool,
    pub(super) answers: &'a AnswerMap,
    pub(super) requester_id: Option<i64>,
}

impl<'a> ExportRow<'a> {
    pub(super) fn new(
        case: &'a CaseRow,
        closed_at: Option<i64>,
        verified: bool,
        flagged: bool,
    ) -> Self {
        ExportRow {
            id: case.id,
            status: case.status.as_str(),
            priority: case.priority.as_str(),
            reasons: &case.reasons,
            region: case.region.as_deref(),
            language: case.language.code(),
            submitted: case.submitted,
            created_at: case.created_at,
            claimed_at: case.claimed_at,
            closed_at,
            outcome: case.outcome.as_deref(),
            volunteer_id: case.volunteer_id,
            verified,
            flagged,
            answers: &case.answers,
            requester_id: case.requester_id,
        }
    }

    /// The `CASE_HEADER` columns.
    pub(super) fn cells(&self) -> Vec<String> {
        let opt = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
        let time = |v: Option<i64>| v.map(utc_second).unwrap_or_default();
        vec![
            self.id.to_string(),
            self.status.to_owned(),
            self.priority.to_owned(),
            self.reasons.join(";"),
            self.region.unwrap_or_default().to_owned(),
            self.language.to_owned(),
            self.submitted.to_string(),
            utc_second(self.created_at),
            time(self.claimed_at),
            time(self.closed_at),
            self.outcome.unwrap_or_default().to_owned(),
            opt(self.volunteer_id),
            self.verified.to_string(),
            self.flagged.to_string(),
        ]
    }
}

/// The CSV: a header, then one row per case.
pub(super) fn export_csv(
    survey: &Survey,
    rows: &[ExportRow<'_>],
    full: bool,
) -> Result<String, csv::Error> {
    // Choices and numbers first, then (full) the personal answers, so a basic export is a
    // prefix of a full one.
    let questions: Vec<_> = survey
        .questions
        .iter()
        .filter(|q| exported_kind(q.kind, false))
        .chain(
            survey
                .questions
                .iter()
                .filter(|q| full && !exported_kind(q.kind, false) && exported_kind(q.kind, true)),
        )
        .collect();
    let mut header: Vec<String> = CASE_HEADER.iter().map(|s| s.to_string()).collect();
    for q in &questions {
        // A question named like a case column (the region) gets its own name.
        let taken = CASE_HEADER.contains(&q.id.as_str()) || q.id == "requester_id";
        header.push(if taken {
            format!("answer_{}", q.id)
        } else {
            q.id.clone()
        });
    }
    if full {
        header.push("requester_id".to_owned());
    }
    let mut records = vec![header];
    for case in rows {
        let mut row = case.cells();
        for q in &questions {
            row.push(
                case.answers
                    .get(&q.id)
                    .map(|a| answer_cell(a, exported_kind(q.kind, false)))
                    .unwrap_or_default(),
            );
        }
        if full {
            row.push(case.requester_id.map(|v| v.to_string()).unwrap_or_default());
        }
        records.push(row);
    }
    to_csv(records)
}

/// One answer as a cell. With `codes_only`, anything but choice ids and numbers is left out,
/// whatever the stored data: a basic export never carries typed text.
pub(super) fn answer_cell(answer: &Answer, codes_only: bool) -> String {
    match answer {
        Answer::Choice(c) => c.clone(),
        Answer::Choices(cs) => cs.join(";"),
        Answer::Number(n) => n.to_string(),
        _ if codes_only => String::new(),
        Answer::Text(s) | Answer::Place(s) => defuse_formula(s),
        Answer::Coords { lat, lon } => format!("{lat:.5},{lon:.5}"),
        Answer::Phone(p) => p.clone(),
        Answer::Skipped => String::new(),
    }
}

/// Text typed by anyone on the internet must not run as a spreadsheet formula when a
/// supervisor opens the file: a leading `= + - @` (or tab, CR) is prefixed with `'`.
pub(super) fn defuse_formula(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_owned()
    }
}

/// The records as CSV (RFC 4180: a field is quoted when it holds a comma, a quote or a line
/// break; lines end with CRLF).
pub(super) fn to_csv(records: impl IntoIterator<Item = Vec<String>>) -> Result<String, csv::Error> {
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    for record in records {
        out.write_record(&record)?;
    }
    let bytes = out
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    /// 2025-05-14 12:00:00 UTC.
    const NOON: i64 = 1_747_224_000;

    #[test]
    fn csv_fields_with_commas_quotes_or_line_breaks_are_quoted() {
        let line =
            |fields: &[&str]| to_csv([fields.iter().map(|f| f.to_string()).collect()]).unwrap();
        assert_eq!(line(&["plain", "x"]), "plain,x\r\n");
        assert_eq!(line(&["a,b", "x"]), "\"a,b\",x\r\n");
        assert_eq!(line(&["say \"hi\"", "x"]), "\"say \"\"hi\"\"\",x\r\n");
        assert_eq!(line(&["two\nlines", "x"]), "\"two\nlines\",x\r\n");
        assert_eq!(line(&["", "x"]), ",x\r\n");
    }

    #[test]
    fn typed_text_cannot_become_a_spreadsheet_formula() {
        assert_eq!(defuse_formula("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(defuse_formula("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(defuse_formula("Izium"), "Izium");
    }

    #[test]
    fn a_basic_export_never_carries_typed_text_whatever_is_stored() {
        assert_eq!(answer_cell(&Answer::Text("secret".into()), true), "");
        assert_eq!(answer_cell(&Answer::Phone("+380".into()), true), "");
        assert_eq!(
            answer_cell(&Answer::Choices(vec!["a".into(), "b".into()]), true),
            "a;b"
        );
        assert_eq!(answer_cell(&Answer::Number(3), true), "3");
        assert_eq!(
            answer_cell(
                &Answer::Coords {
                    lat: 49.2,
                    lon: 37.3
                },
                false
            ),
            "49.20000,37.30000"
        );
    }

    fn survey() -> Survey {
        Survey::load(
            &std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("dialogues/intake.toml"),
        )
        .unwrap()
    }

    fn answers() -> AnswerMap {
        let mut answers = BTreeMap::new();
        answers.insert("region".to_owned(), Answer::Choice("kharkiv".into()));
        answers.insert("people".to_owned(), Answer::Number(2));
        answers.insert(
            "needs".to_owned(),
            Answer::Choices(vec!["food".into(), "water".into()]),
        );
        answers.insert("place".to_owned(), Answer::Place("Izium, Sadova 5".into()));
        answers.insert(
            "medicine_details".to_owned(),
            Answer::Text("=cmd|' /C calc'!A0".into()),
        );
        answers.insert("phone".to_owned(), Answer::Phone("+380677654321".into()));
        answers
    }

    fn row<'a>(answers: &'a AnswerMap, reasons: &'a [String]) -> ExportRow<'a> {
        ExportRow {
            id: 7,
            status: "claimed",
            priority: "high",
            reasons,
            region: Some("kharkiv"),
            language: "uk",
            submitted: true,
            created_at: NOON,
            claimed_at: Some(NOON + 600),
            closed_at: None,
            outcome: None,
            volunteer_id: Some(9002),
            verified: true,
            flagged: false,
            answers,
            requester_id: Some(4242),
        }
    }

    #[test]
    fn the_basic_export_has_codes_and_numbers_but_no_personal_data() {
        let (answers, reasons) = (
            answers(),
            ["infants".to_owned(), "alone_elderly".to_owned()],
        );
        let csv = export_csv(&survey(), &[row(&answers, &reasons)], false).unwrap();
        let mut lines = csv.split("\r\n");
        let header = lines.next().unwrap();
        assert!(header.starts_with(
            "id,status,priority,reasons,region,language,submitted,created_at,claimed_at,closed_at,\
             outcome,volunteer_id,verified,flagged,"
        ));
        assert!(
            header.contains(",answer_region,") && header.contains(",people,"),
            "{header}"
        );
        assert!(
            !header.contains("place") && !header.contains("phone") && !header.contains("requester")
        );
        let row = lines.next().unwrap();
        assert!(
            row.starts_with(
                "7,claimed,high,infants;alone_elderly,kharkiv,uk,true,2025-05-14 12:00:00,\
             2025-05-14 12:10:00,,,9002,true,false,"
            ),
            "{row}"
        );
        assert!(row.contains("food;water"));
        for secret in ["Izium", "calc", "+380", "4242"] {
            assert!(!csv.contains(secret), "{secret} in {csv}");
        }
        assert_eq!(header.split(',').count(), row.split(',').count());
    }

    #[test]
    fn the_full_export_adds_text_places_phones_and_the_requester() {
        let (answers, reasons) = (answers(), Vec::new());
        let csv = export_csv(&survey(), &[row(&answers, &reasons)], true).unwrap();
        let header = csv.lines().next().unwrap();
        assert!(
            header.ends_with(",place,medicine_details,phone,requester_id"),
            "{header}"
        );
        assert!(!csv.contains(",Izium, Sadova 5,"), "a comma is quoted");
        assert!(csv.contains("\"Izium, Sadova 5\""));
        assert!(csv.contains("'=cmd"), "the formula is defused: {csv}");
        assert!(csv.contains(",+380677654321,4242\r\n"));
    }

    #[test]
    fn an_export_without_cases_is_the_header_alone() {
        let csv = export_csv(&survey(), &[], false).unwrap();
        assert_eq!(csv.matches("\r\n").count(), 1);
        assert!(csv.starts_with("id,status,"));
    }
}
