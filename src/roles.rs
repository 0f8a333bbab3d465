//! Who may do what. Checked on the server for every command and every button press.
//!
//! Supervisors come from `SUPERVISOR_IDS`; volunteers from the roster supervisors keep;
//! everyone else is a requester. A removed volunteer is a requester again at once.

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    Requester,
    Volunteer,
    Supervisor,
}

/// Things only staff may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// /online, /offline, /queue, /claim, /mycases, the Claim button.
    WorkCases,
    /// /case, /note, /release, /done, /msg and replies: the assigned volunteer or a supervisor.
    HandleCase,
    /// /addvolunteer, /removevolunteer, /volunteers.
    ManageRoster,
}

impl Role {
    pub fn can(self, action: Action) -> bool {
        match action {
            Action::WorkCases | Action::HandleCase => self >= Role::Volunteer,
            Action::ManageRoster => self == Role::Supervisor,
        }
    }

    pub fn is_staff(self) -> bool {
        self >= Role::Volunteer
    }

    /// Whether this person may handle a case assigned to `assigned` (None: not claimed).
    pub fn may_handle(self, me: i64, assigned: Option<i64>) -> bool {
        match self {
            Role::Supervisor => true,
            Role::Volunteer => assigned == Some(me),
            Role::Requester => false,
        }
    }
}

/// Parses a case number written `N` or `#N`.
pub(crate) fn parse_case_number(s: &str) -> Option<i64> {
    let s = s.trim();
    let digits = s.strip_prefix('#').unwrap_or(s);
    if digits.is_empty() || digits.len() > 12 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|n| *n > 0)
}

/// Splits `N rest` (the case number written `N` or `#N`, then the rest of the line).
pub(crate) fn case_and_rest(args: &str) -> Option<(i64, &str)> {
    let (first, rest) = first_word(args);
    parse_case_number(first).map(|n| (n, rest))
}

/// Splits `USER_ID rest` (a Telegram user id, then the rest of the line).
pub(crate) fn user_and_rest(args: &str) -> Option<(i64, &str)> {
    id_and_rest(args, |id| id > 0)
}

/// Whether `id` can be the author of a public post: a person, or a channel posting in its own
/// name (a channel's id is -100 followed by ten digits or more).
pub(crate) fn is_poster(id: i64) -> bool {
    id > 0 || id <= -1_000_000_000_000
}

/// [`user_and_rest`] that also takes a channel's id (`-100…`): the ones a ban can name.
pub(crate) fn poster_and_rest(args: &str) -> Option<(i64, &str)> {
    id_and_rest(args, is_poster)
}

/// The first word as an id that `fits`, and the rest.
fn id_and_rest(args: &str, fits: impl Fn(i64) -> bool) -> Option<(i64, &str)> {
    let (first, rest) = first_word(args);
    first
        .parse::<i64>()
        .ok()
        .filter(|id| fits(*id))
        .map(|id| (id, rest))
}

fn first_word(args: &str) -> (&str, &str) {
    let args = args.trim();
    let (first, rest) = args.split_once(char::is_whitespace).unwrap_or((args, ""));
    (first, rest.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requesters_do_nothing_staff_only() {
        for action in [Action::WorkCases, Action::HandleCase, Action::ManageRoster] {
            assert!(!Role::Requester.can(action));
            assert!(Role::Supervisor.can(action));
        }
        assert!(Role::Volunteer.can(Action::WorkCases));
        assert!(!Role::Volunteer.can(Action::ManageRoster));
    }

    #[test]
    fn only_the_assigned_volunteer_or_a_supervisor_handles_a_case() {
        assert!(Role::Volunteer.may_handle(5, Some(5)));
        assert!(!Role::Volunteer.may_handle(5, Some(6)));
        assert!(!Role::Volunteer.may_handle(5, None));
        assert!(Role::Supervisor.may_handle(1, Some(6)));
        assert!(!Role::Requester.may_handle(5, Some(5)));
    }

    #[test]
    fn arguments_split_into_an_id_and_the_rest() {
        assert_eq!(
            case_and_rest(" #12  called twice "),
            Some((12, "called twice"))
        );
        assert_eq!(case_and_rest("12"), Some((12, "")));
        assert_eq!(case_and_rest("twelve"), None);
        assert_eq!(
            user_and_rest("123456 spam, threats"),
            Some((123456, "spam, threats"))
        );
        assert_eq!(user_and_rest("-5 x"), None);
    }

    #[test]
    fn case_numbers_are_n_or_hash_n() {
        assert_eq!(parse_case_number("12"), Some(12));
        assert_eq!(parse_case_number(" #7 "), Some(7));
        for bad in ["", "#", "0", "-3", "12a", "##1", "1 2", "99999999999999999"] {
            assert_eq!(parse_case_number(bad), None, "{bad}");
        }
    }
}
