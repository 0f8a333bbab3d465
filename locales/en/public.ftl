# Texts for the network's public chats (English).

## Group command menus
cmd-group-report = Reply to a post to report fake or dangerous information
cmd-group-help = How to ask for help privately
cmd-group-ban = Supervisors: reply to a post to ban its author everywhere
cmd-group-unban = Supervisors: lift a ban

## The bridge and /help in a public chat (a person who may be in danger reads these)
bridge-button = ✍ Fill in a request privately
bridge-reply =
    🚨 If your life is at risk, call 112 (on Ukraine-controlled territory; in occupied areas 112 reaches the occupation services).
    To ask volunteers for help to leave, fill in a request privately with the button below: a volunteer will write to you there. Do not post your phone number or address here.
bridge-reply-deleted =
    🚨 If your life is at risk, call 112 (on Ukraine-controlled territory; in occupied areas 112 reaches the occupation services).
    A post asking for help had a phone number or an address in it, so it was deleted for its author's safety: please do not post them in a public chat. To ask volunteers for help to leave, fill in a request privately with the button below: a volunteer will write to you there.
group-help =
    🚨 If your life is at risk, call 112 (on Ukraine-controlled territory; in occupied areas 112 reaches the occupation services).
    To ask volunteers for help to leave, fill in a request privately with the button below. To tell the moderators about fake or dangerous information, reply /report to the post.

## Review notes (supervisors)
guard-rule-banned_author = A member the network banned posted
guard-rule-blocked_phone = A phone number marked as fake
guard-rule-blocked_place = A place marked as fake
guard-rule-blocked_link = A link marked as fake
guard-rule-newcomer_link = A newcomer's link
guard-rule-newcomer_phone = A newcomer's phone number
guard-rule-newcomer_contact = A newcomer's shared contact
guard-rule-newcomer_forward = A newcomer's forward from a channel
guard-note-deleted = The post is deleted.
guard-note-held = The post is deleted. Approve trusts its author from now on (their next posts pass); Ban bans them.
guard-note-dry = GUARD_MODE=dry: nothing was deleted or banned.
guard-note-where = Chat: { $chat } · author: { $author }
guard-note-copy-above = The post is copied above this note.
guard-copy-failed = The post could not be copied here.
report-note = 📣 Reported by { $count ->
        [one] { $count } member
       *[other] { $count } members
    }
report-note-hidden = The post is deleted until you look at it.
button-review-approve = ✅ Approve
button-review-ban = 🚫 Ban
button-review-unban = Unban
button-review-trust = ✅ Trust
button-review-delete = 🗑 Delete
button-review-dismiss = Dismiss
guard-ban-reason = fake or dangerous posts in a public chat
review-trusted = { $user } is trusted now: the newcomer rule no longer applies to them.
review-deleted = The post is deleted.
review-dismissed = The reports are dismissed; the post stays.
banned-in-chats = Banned in { $count ->
        [one] { $count } chat
       *[other] { $count } chats
    } too, their recent posts deleted.
banned-dry = GUARD_MODE=dry: not banned in the chats.

## The bot's rights in a public chat (at start)
guard-rights-missing = ⚠ In the public chat { $chat } the bot cannot: { $missing }. Make it an administrator that can delete messages and ban users, or the guard cannot act there.
guard-right-delete = delete messages
guard-right-ban = ban users
guard-not-admin = act at all (it is not an administrator)

## /stats
report-stats-public = Public chats:
report-stats-public-deleted = posts deleted: { $count }
report-stats-public-held = newcomers' posts held: { $count }
report-stats-public-bans = bans: { $count }
report-stats-public-reports = posts reported: { $count }
report-stats-public-bridge = bridge replies: { $count }
report-stats-public-cases = requests that came from a chat: { $count }
