# Texts for verified resources (English).

## Command menu
cmd-resources = Checked resources: /resources [region] [kind]
cmd-addresource = Add a checked resource (guided)
cmd-checked = Re-confirm a resource: /checked R
cmd-resstatus = Set a resource's status: /resstatus R full|closed|unsafe|active [note]

## Kinds and statuses
resource-kind-shelter = Shelter
resource-kind-transport = Transport
resource-kind-route = Route
resource-kind-medical = Medical help
resource-kind-food = Food
resource-kind-contact = Contact
resource-kind-other = Other
resource-status-active = active
resource-status-full = full
resource-status-closed = closed
resource-status-unsafe = unsafe

## Ages (how long ago a check was made)
resource-age-minutes = { $n ->
        [one] { $n } minute
       *[other] { $n } minutes
    }
resource-age-hours = { $n ->
        [one] { $n } hour
       *[other] { $n } hours
    }
resource-age-days = { $n ->
        [one] { $n } day
       *[other] { $n } days
    }

## /addresource, step by step
res-add-kind = New checked resource. What kind is it? (/cancel stops)
res-add-region = Which region is it in?
res-add-title = Write a short title, at most { $max } characters (for example: School No. 5, basement shelter).
res-add-details = Write what a person needs to know: the address or meeting point, hours, what to bring. At most { $max } characters.
res-add-phone = A contact phone number, or press Skip.
res-add-capacity = How many people can it take? Write a number, or press Skip.
res-add-preview = Check it before it is saved. Saving records that you checked it now.
res-add-text-only = Please write it as text.
res-add-too-long = That is too long: at most { $max } characters. Please write it shorter.
res-add-not-phone = This is not a phone number. Write it like +380 67 123 45 67, or press Skip.
res-add-phone-blocked = This phone number is on the fake-data blocklist, so it cannot be saved. Write another number, or press Skip.
res-add-not-number = Write a whole number from 1 to 100000, or press Skip.
res-add-saved = R{ $id } is saved as checked by you now. Volunteers can send it until { $until } (Kyiv time); then it needs /checked { $id }.
res-add-discarded = The new resource is discarded; nothing was saved.
res-add-nothing = There is no resource being added to stop.
res-add-expired = This step is out of date. Start again with /addresource.
button-save = ✅ Save
button-discard = ✖ Discard

## A resource as staff see it
res-line = R{ $id } · { $kind } · { $title }
res-line-status = status: { $status }
res-line-capacity = takes up to { $capacity } people
res-line-phone = phone: { $phone }
res-line-checked = checked { $age } ago by { $by }
res-line-expires = holds until { $until } (Kyiv time)
res-line-stale = ⚠ check ran out: confirm with /checked { $id }
res-line-reported = ⚠ a requester reported it wrong or outdated: hidden from volunteers until /checked { $id }
res-list-title = Checked resources: { $count }
res-list-title-region = Checked resources in { $region }: { $count }
res-list-empty = No checked resources match. Supervisors add them with /addresource.
res-list-volunteer-empty = No checked, up-to-date resources match. Ask a supervisor.
res-list-more = …and { $count } more: narrow it down with a kind, e.g. /resources { $region } shelter.
res-usage-list = Write the region, and the kind if you like: /resources kharkiv shelter. Regions: { $regions }. Kinds: { $kinds }.
res-unknown-word = “{ $word }” is neither a region nor a kind. Regions: { $regions }. Kinds: { $kinds }.
res-no-open-cases = You have no claimed cases to send these to. Claim a case first.
button-send-to = Send to #{ $case }

## /checked, /resstatus
res-usage-checked = Write the resource number: /checked R12
res-usage-status = Write the resource number and the status, and a note if you like: /resstatus R12 full until tomorrow. Statuses: active, full, closed, unsafe.
res-not-found = There is no resource R{ $id }.
res-checked = R{ $id } is confirmed by you now; it holds until { $until } (Kyiv time).
res-status-set = R{ $id } is now { $status }.

## Sending to a requester
res-sent = R{ $id } is sent to the person of #{ $case }.
res-already-sent = R{ $id } was already sent to #{ $case }.
res-not-sendable = R{ $id } is not sent: it is not active, its check ran out, or it was reported wrong. Ask a supervisor to check it again.
res-not-your-case = #{ $case } is not a case you hold, so nothing is sent.
res-to-requester = Information checked by the volunteers at { $time } (Kyiv time). Things change fast: if it is no longer true, please tell us with the button below.
res-to-requester-phone = Phone: { $phone }
res-to-requester-capacity = Takes up to { $capacity } people.
button-res-helped = 👍 It helped
button-res-wrong = ⚠ Wrong or outdated

## The requester's answer
res-feedback-thanks = Thank you, this helps the next person.
res-feedback-wrong-thanks = Thank you. Volunteers stop giving it out until it is checked again. Your volunteer will write to you here.
res-feedback-done = You have answered about this already. Thank you.
res-reported-alert = ⚠ A requester of #{ $case } says R{ $id } ({ $title }) is wrong or outdated. Volunteers no longer see it. Check it, then /checked { $id } or /resstatus { $id } closed.

## The hourly digest for supervisors
res-digest-title = Resources in the last hour:
res-digest-expiring = Checks that run out within the hour (confirm with /checked R):
res-digest-expiring-line = R{ $id } · { $title } · until { $until }
res-digest-reports = What requesters reported:
res-digest-report-line = R{ $id } · { $title } · helped: { $helped }, wrong or outdated: { $wrong }

## On cards, /case and /stats
card-resources = Resources sent: { $list }
res-feedback-mark-helped = helped
res-feedback-mark-wrong = reported wrong
report-stats-resources = Resources (region: can be sent / stale / reported wrong):

## After /done evacuated: how the journey went
res-journey-ask = If you like, tell us how the journey went and what the next person should know. It helps volunteers keep routes and shelters up to date. You do not have to.
button-journey = ✍ Tell how it went
res-journey-prompt = Write it in one message, as a reply to this one. Please leave out names, addresses and phone numbers.
res-journey-thanks = Thank you. The volunteers will read it. If you need help again, send /start.
res-journey-text-only = Please write it as text, as a reply to the question.
res-journey-too-long = That is too long: at most { $max } characters. Please write it shorter, as a reply to the question.
res-journey-report = 📝 How the journey went, after #{ $case } (resources given: { $resources }):
    { $text }
res-journey-no-resources = none
