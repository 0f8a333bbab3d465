//! Routing: which online volunteers are offered a new case, and when an unclaimed case is
//! escalated. Pure functions; the bot layer sends.

use serde::Deserialize;

use crate::triage::Priority;

/// A volunteer as routing sees them.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub id: i64,
    /// Language codes; empty: any.
    pub languages: Vec<String>,
    /// Region choice ids; empty: any.
    pub regions: Vec<String>,
    pub online: bool,
    /// Claimed cases not closed.
    pub open_cases: i64,
    pub max_open: i64,
    /// Until when their training holds (`None`: a trainee); see [`crate::training`].
    pub trained_until: Option<i64>,
}

/// Deadlines and limits, from the `[routing]` section of the dialogue file.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RoutingRules {
    pub critical_minutes: i64,
    pub high_minutes: i64,
    pub normal_minutes: i64,
    pub low_minutes: i64,
    /// A claimed case whose volunteer wrote nothing to the requester for this long is flagged.
    pub silent_claim_hours: i64,
    /// A case waiting this long gets an "are you still there?" check-in.
    pub checkin_hours: i64,
    /// How many volunteers are offered a case privately.
    pub offer_to: usize,
    /// The question whose answer is the case's region (a single choice): volunteers cover
    /// regions by its choice ids.
    pub region_question: String,
}

impl Default for RoutingRules {
    fn default() -> Self {
        Self {
            critical_minutes: 5,
            high_minutes: 30,
            normal_minutes: 120,
            low_minutes: 480,
            silent_claim_hours: 24,
            checkin_hours: 12,
            offer_to: 3,
            region_question: "region".to_owned(),
        }
    }
}

impl RoutingRules {
    /// Seconds an unclaimed case of this priority may wait before supervisors hear of it.
    pub fn deadline_secs(&self, priority: Priority) -> i64 {
        60 * match priority {
            Priority::Critical => self.critical_minutes,
            Priority::High => self.high_minutes,
            Priority::Normal => self.normal_minutes,
            Priority::Low => self.low_minutes,
        }
    }

    /// Whether an unclaimed case is due for escalation number `escalations + 1`: the first at
    /// its deadline, the second at twice the deadline, none after that.
    pub fn escalation_due(
        &self,
        priority: Priority,
        waiting_since: i64,
        escalations: i64,
        now: i64,
    ) -> bool {
        escalations < 2 && now - waiting_since >= self.deadline_secs(priority) * (escalations + 1)
    }
}

/// Online volunteers who speak the requester's language and cover the region, with room
/// for another case, the least loaded first; at most `limit`.
pub(crate) fn pick(
    candidates: &[Candidate],
    language: &str,
    region: Option<&str>,
    limit: usize,
) -> Vec<i64> {
    let mut fit: Vec<&Candidate> = candidates
        .iter()
        .filter(|c| c.online && c.open_cases < c.max_open)
        .filter(|c| c.languages.is_empty() || c.languages.iter().any(|l| l == language))
        .filter(|c| match region {
            Some(r) => c.regions.is_empty() || c.regions.iter().any(|x| x == r),
            None => true,
        })
        .collect();
    fit.sort_by_key(|c| (c.open_cases, c.id));
    fit.into_iter().take(limit).map(|c| c.id).collect()
}

/// Who gets a case's card privately: for a critical case every online volunteer (a page),
/// else the volunteers [`pick`] chooses.
pub(crate) fn recipients(
    candidates: &[Candidate],
    priority: Priority,
    language: &str,
    region: Option<&str>,
    limit: usize,
) -> Vec<i64> {
    if priority == Priority::Critical {
        candidates
            .iter()
            .filter(|c| c.online)
            .map(|c| c.id)
            .collect()
    } else {
        pick(candidates, language, region, limit)
    }
}

/// A requester's check-in answer re-ranks an unclaimed case: "got out safely" makes it low;
/// "still need help" raises a low or normal one to high (high and critical stay).
pub(crate) fn after_checkin(priority: Priority, safe: bool) -> Priority {
    if safe {
        Priority::Low
    } else {
        match priority {
            Priority::Low | Priority::Normal => Priority::High,
            other => other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(id: i64, langs: &[&str], regions: &[&str], online: bool, open: i64) -> Candidate {
        Candidate {
            id,
            languages: langs.iter().map(|s| s.to_string()).collect(),
            regions: regions.iter().map(|s| s.to_string()).collect(),
            online,
            open_cases: open,
            max_open: 5,
            trained_until: Some(i64::MAX),
        }
    }

    #[test]
    fn online_matching_volunteers_least_loaded_first() {
        let all = [
            v(1, &["uk"], &["kharkiv"], true, 3),
            v(2, &[], &[], true, 1),
            v(3, &["ru"], &[], true, 0),
            v(4, &["uk"], &["sumy"], true, 0),
            v(5, &["uk"], &[], false, 0),
            v(6, &["uk"], &["kharkiv"], true, 5),
            v(7, &["uk", "ru"], &["kharkiv", "sumy"], true, 2),
        ];
        assert_eq!(pick(&all, "uk", Some("kharkiv"), 10), vec![2, 7, 1]);
        assert_eq!(pick(&all, "uk", Some("kharkiv"), 2), vec![2, 7]);
        assert_eq!(pick(&all, "ru", None, 10), vec![3, 2, 7]);
        assert!(pick(&all, "en", Some("kherson"), 10) == vec![2]);
    }

    #[test]
    fn a_critical_case_pages_every_online_volunteer() {
        let all = [
            v(1, &["ru"], &["sumy"], true, 5),
            v(2, &["uk"], &["kharkiv"], false, 0),
            v(3, &["uk"], &["kharkiv"], true, 0),
        ];
        assert_eq!(
            recipients(&all, Priority::Critical, "uk", Some("kharkiv"), 1),
            vec![1, 3]
        );
        assert_eq!(
            recipients(&all, Priority::Normal, "uk", Some("kharkiv"), 1),
            vec![3]
        );
    }

    #[test]
    fn check_in_answers_re_rank() {
        assert_eq!(after_checkin(Priority::Critical, true), Priority::Low);
        assert_eq!(after_checkin(Priority::Normal, false), Priority::High);
        assert_eq!(after_checkin(Priority::Low, false), Priority::High);
        assert_eq!(after_checkin(Priority::Critical, false), Priority::Critical);
    }

    #[test]
    fn escalation_comes_at_the_deadline_then_at_twice_it_then_never() {
        let r = RoutingRules::default();
        let t0 = 1_000_000;
        assert!(!r.escalation_due(Priority::Critical, t0, 0, t0 + 299));
        assert!(r.escalation_due(Priority::Critical, t0, 0, t0 + 300));
        assert!(!r.escalation_due(Priority::Critical, t0, 1, t0 + 599));
        assert!(r.escalation_due(Priority::Critical, t0, 1, t0 + 600));
        assert!(!r.escalation_due(Priority::Critical, t0, 2, t0 + 100_000));
        assert!(!r.escalation_due(Priority::Low, t0, 0, t0 + 8 * 3600 - 1));
        assert!(r.escalation_due(Priority::Low, t0, 0, t0 + 8 * 3600));
    }
}
