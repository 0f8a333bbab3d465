# Texts for supervisor reports: /audit, /stats, /export (English).

## /audit N
report-usage-audit = Write the case number: /audit 12
report-audit-title = History of #{ $case }, { $count ->
        [one] { $count } entry
       *[other] { $count } entries
    } (time UTC · who · what):
report-audit-empty = #{ $case } has no history yet.
report-audit-earlier = … { $count ->
        [one] { $count } earlier entry is
       *[other] { $count } earlier entries are
    } not shown.
report-action-add_volunteer = volunteer added
report-action-remove_volunteer = volunteer removed
report-action-add_supervisor = supervisor added
report-action-remove_supervisor = supervisor removed
report-action-claim = claimed
report-action-release = handed back
report-action-done = closed
report-action-note = note added
report-action-verify = verified
report-action-flag = held back
report-action-unflag = released from hold
report-action-ban = banned
report-action-unban = ban lifted
report-action-block_phone = phone marked fake
report-action-block_place = place marked fake
report-action-block_link = link marked fake
report-action-unblock_link = link unmarked
report-action-export = export
report-action-forget = data erased
report-action-add_resource = resource added
report-action-check_resource = resource re-confirmed
report-action-resource_status = resource status set
report-action-send_resource = resource sent
report-action-resource_reported = resource reported wrong
report-action-guard_delete = post deleted by the guard
report-action-guard_hold = newcomer's post held
report-action-guard_ban = banned author's post removed
report-action-post_report = post reported
report-action-bridge_reply = bridge reply
report-action-trust_member = member trusted
report-action-reopen = reopened by the requester
report-action-trained = training recorded
report-action-transfer = passed to another volunteer
report-action-refer = referral asked
report-action-refer_consent = referral answered
report-action-team_add = joined the team
report-action-team_remove = left the team

## /stats
report-stats-title = 📊 { $count ->
        [one] { $count } case
       *[other] { $count } cases
    } in total
report-stats-by-priority = By priority (waiting / claimed / closed):
report-median-claim = Median time to claim: { $duration } (over { $count ->
        [one] { $count } case
       *[other] { $count } cases
    })
report-median-close = Median time to close: { $duration } (over { $count ->
        [one] { $count } case
       *[other] { $count } cases
    })
report-no-data = no data yet
report-duration-days = { $days } d { $hours } h
report-duration-hours = { $hours } h { $minutes } min
report-duration-minutes = { $minutes } min
report-intake-title = New cases per day, last { $days ->
        [one] { $days } day
       *[other] { $days } days
    } (UTC):
report-status-open = waiting
report-status-claimed = claimed
report-status-closed = closed
report-chart-intake-title = New cases per day, last { $days ->
        [one] { $days } day
       *[other] { $days } days
    } (UTC)
report-chart-status-title = Cases by priority

## /export
report-usage-export = /export: every case without personal data. /export full: with typed answers, places, phones and requester ids.
report-export-basic = { $count ->
        [one] { $count } case
       *[other] { $count } cases
    }, without personal data. Times are UTC.
report-export-full = { $count ->
        [one] { $count } case
       *[other] { $count } cases
    } WITH personal data (texts, places, phones). Keep this file private and delete it when done. Times are UTC.
