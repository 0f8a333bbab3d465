# Texts for supervisor moderation (English).

## Command menu (supervisors)
cmd-verify = Mark a case checked: /verify N [note]
cmd-flag = Hold a case back: /flag N reason
cmd-unflag = Release a held case: /unflag N
cmd-ban = Ban someone: /ban USER_ID reason
cmd-unban = Lift a ban: /unban USER_ID
cmd-bans = Bans and repeat flooders
cmd-blockphone = Mark a phone as fake: /blockphone NUMBER
cmd-blockplace = Mark a place as fake: /blockplace TEXT
cmd-addsupervisor = Add a supervisor: /addsupervisor USER_ID
cmd-removesupervisor = Remove a supervisor: /removesupervisor USER_ID
cmd-audit = A case's history: /audit N
cmd-stats = Statistics with a chart
cmd-export = Cases as CSV (/export full: with contacts)

## Cards
card-verified = ✔ verified
card-flagged = ⚠ held back: { $reason }
card-unverified-critical = ❗ not verified yet
outcome-banned = closed: sender banned

## Verification and flags
usage-verify = Write the case number, and a note if you like: /verify 12 called back, confirmed
verified = #{ $case } is marked verified.
usage-flag = Write the case number and the reason: /flag 12 address does not exist
flagged = #{ $case } is held back; volunteers are not offered it until you /unflag it.
usage-unflag = Write the case number: /unflag 12
not-flagged = #{ $case } is not held back.
unflagged = #{ $case } is no longer held back.
flag-blocklist = ⚠ #{ $case } contains a { $kind } marked as fake. It is held back from volunteers. Check it, then /unflag { $case } or /ban its sender.
blocked-kind-phone = phone number
blocked-kind-place = place

## Bans
usage-ban = Write the Telegram id and the reason: /ban 123456789 fake addresses
ban-supervisor = A supervisor cannot be banned. Remove them as a supervisor first.
ban-already = User { $user } is banned already.
you-are-banned = This bot no longer accepts your messages. If your life is at risk, call 112 (on Ukraine-controlled territory only).
case-banned = #{ $case } is closed: its sender was banned.
banned = User { $user } is banned; { $count ->
        [one] { $count } open case was
       *[other] { $count } open cases were
    } closed.
usage-unban = Write the Telegram id: /unban 123456789
not-banned = User { $user } is not banned.
unbanned = User { $user } is no longer banned.
bans-empty = Nobody is banned.
bans-title = { $count ->
        [one] { $count } ban
       *[other] { $count } bans
    } (id · reason · by):
flooders-title = Muted for flooding more than once (id · times):
muted = If your life is at risk, call 112 (on Ukraine-controlled territory only). Too many messages at once: please wait { $minutes } min, then write again. Your request is not lost.

## Blocklist
usage-blockphone = Write the phone number: /blockphone +380 67 123 45 67
usage-blockplace = Write the place: /blockplace Izium, Sadova 5
usage-blocklink = Write the domain or the link: /blocklink free-flats.site or /blocklink https://t.me/fakechannel
usage-unblocklink = Write the domain or the link: /unblocklink free-flats.site
link-unblocked = The link is no longer marked as fake.
link-not-blocked = This link is not marked as fake.
blocked-kind-link = link
cmd-blocklink = Mark a link as fake: /blocklink DOMAIN_OR_URL
cmd-unblocklink = Unmark a link: /unblocklink DOMAIN_OR_URL
blocked = Marked as fake (only a fingerprint of it is stored). Cases flagged now: { $count }.

## Supervisors
usage-addsupervisor = Write the Telegram id: /addsupervisor 123456789
supervisor-already = User { $user } is a supervisor already.
supervisor-added = User { $user } is now a supervisor. They should press /start in the bot.
usage-removesupervisor = Write the Telegram id: /removesupervisor 123456789
supervisor-from-env = This supervisor is set in the bot's configuration (SUPERVISOR_IDS) and cannot be removed here.
supervisor-last = The last supervisor cannot be removed.
supervisor-not-found = User { $user } was not added as a supervisor in the bot.
supervisor-removed = User { $user } is no longer a supervisor.
