# Texts for volunteers and supervisors (English), and what requesters see of the casework.

## Command menu (staff only)
cmd-online = Start my shift
cmd-offline = End my shift
cmd-queue = Open cases waiting for a volunteer
cmd-claim = Take a case: /claim N
cmd-case = Case details: /case N
cmd-mycases = My open cases
cmd-note = Internal note: /note N text
cmd-release = Hand a case back: /release N reason
cmd-done = Close a case: /done N outcome
cmd-msg = Write to the requester: /msg N text
cmd-addvolunteer = Add a volunteer: /addvolunteer ID [uk,ru] [regions]
cmd-removevolunteer = Remove a volunteer: /removevolunteer ID
cmd-volunteers = The volunteer roster

volunteer-help =
    You are a volunteer of this bot.
    /online and /offline: your shift. New cases are offered to you while you are online.
    /queue: open cases. /claim N or the Claim button: take one.
    /case N, /mycases, /note N text, /release N reason, /done N outcome, /msg N text.
    /resources REGION [kind]: shelters, routes and contacts a supervisor checked; Send to #N passes one to your requester.
    To answer a requester, reply to their message that the bot passed to you. They never see your name or account.
volunteer-welcome = A supervisor is adding you as a volunteer of this bot. Press /start to see what you can do.

## Cards
priority-critical = CRITICAL
priority-high = high
priority-normal = normal
priority-low = low
card-footer = Language: { $lang } · waiting { $minutes } min
card-still-answering = ✍ The person is still filling in the form.
button-claim = ✋ Claim #{ $case }
card-taken = ✅ #{ $case } is taken by a volunteer.
case-status-line = Status: { $status }
case-status-open = waiting for a volunteer
case-status-claimed = a volunteer is on it
case-status-closed = closed
case-language = Language: { $lang }
case-notes = Notes:
relay-tag = #{ $case }
relay-album-tag = ⬆ The album above is from the person in #{ $case }. To answer, reply to this message or to one of its photos.

## Outcomes
outcome-evacuated = evacuated
outcome-staying_safe = staying, safe
outcome-unreachable = unreachable
outcome-referred = referred elsewhere
outcome-declined = declined help

## Shift
shift-on = You are on shift. New cases will be offered to you.
shift-off = You are off shift.
shift-off-open-cases = You are off shift, and you still have { $count ->
        [one] { $count } open case
       *[other] { $count } open cases
    }.
shift-off-question = Keep your open cases, or hand them back to the queue?
button-keep-cases = Keep them
button-release-cases = Hand them back
shift-off-released = Your cases are back in the queue.
shift-off-kept = You keep your cases.
not-on-roster = You are not on the volunteer roster. Ask a supervisor.

## Queue and cases
queue-empty = No case is waiting. Thank you.
queue-title = { $count ->
        [one] { $count } case is waiting
       *[other] { $count } cases are waiting
    } (page { $page } of { $pages }):
queue-more = More cases:
button-next-page = Page { $page } ▶
mycases-empty = You have no open cases.
usage-claim = Write the case number: /claim 12
usage-case = Write the case number: /case 12
usage-note = Write the case number and the note: /note 12 called, no answer
usage-release = Write the case number and, if you like, why: /release 12 cannot reach the area
usage-done = Write the case number and the outcome: /done 12 evacuated (outcomes: evacuated, staying_safe, unreachable, referred, declined)
usage-msg = Write the case number and the message: /msg 12 We will call you at 10:00
usage-addvolunteer = Write the volunteer's Telegram id, then languages and regions if you like: /addvolunteer 123456789 uk,ru kharkiv,sumy
usage-removevolunteer = Write the volunteer's Telegram id: /removevolunteer 123456789
staff-only = This is for volunteers.
supervisor-only = Only supervisors can do this.
claimed = #{ $case } is yours. The details are above; the requester knows a volunteer is connected. Reply to their messages to answer them.
claim-already-yours = #{ $case } is already yours.
claim-taken = #{ $case } was already taken by another volunteer.
claim-at-capacity = You already have { $limit ->
        [one] { $limit } open case
       *[other] { $limit } open cases
    }. Close or hand one back first.
case-closed = #{ $case } is closed.
case-not-found = There is no case #{ $case }.
case-not-yours = #{ $case } is not assigned to you.
case-not-claimed = #{ $case } is not claimed.
note-added = Note added to #{ $case }.
note-released = Handed back: { $reason }
released = #{ $case } is back in the queue.
done-choose = How did #{ $case } end?
case-done = #{ $case } is closed: { $outcome }.
msg-sent = Sent to the requester of #{ $case }.
message-kept = Your message is added to your request #{ $case }. The volunteer who takes it will see it.
relay-how-to-answer = To answer a requester, reply to their message that the bot passed to you, or write /msg N text.

## What requesters see
volunteer-connected = A volunteer has taken your request #{ $case } and will write to you here. You can write to them in this chat.
volunteer-handed-over = Your request #{ $case } is being passed to another volunteer. Nothing is lost; you will hear from them here.
requester-case-closed = Your request #{ $case } is closed. If you need help again, press /start.
checkin = Your request #{ $case }: are you still there? Please tell us how you are.
button-checkin-help = I still need help
button-checkin-safe = I got out / I am safe
checkin-thanks = Thank you. We passed it on.
checkin-answer-safe = #{ $case }: the requester answered the check-in: they got out or are safe.
checkin-answer-help = #{ $case }: the requester answered the check-in: they still need help.

## Supervisors
escalation = ⏰ #{ $case } has waited { $minutes } min and nobody has claimed it.
silent-claim = ⚠ #{ $case }: volunteer { $volunteer } has not written to the requester for { $hours } h.
addvolunteer-unknown = "{ $item }" is neither a language (uk, ru, en) nor a region ({ $regions }).
addvolunteer-is-supervisor = This person is a supervisor already.
addvolunteer-not-started = User { $user } has not pressed Start in this bot, so Telegram does not let the bot write to them. Ask them to open the bot, press Start, and add them again.
volunteer-added = Volunteer { $user } is added, as a trainee: once their training is done, record it with /trained { $user }.
volunteer-updated = Volunteer { $user }: languages and regions updated.
volunteer-not-found = User { $user } is not on the volunteer roster.
volunteer-removed = Volunteer { $user } is removed; { $count ->
        [one] { $count } case went
       *[other] { $count } cases went
    } back to the queue.
roster-empty = The roster is empty. Add volunteers with /addvolunteer.
roster-any = any
roster-online = on shift
roster-offline = off shift
roster-title = { $count ->
        [one] { $count } volunteer
       *[other] { $count } volunteers
    } (id · shift · training · languages · regions · open cases):

## Writing after a request was closed
requester-case-closed-menu = Your request #{ $case } is closed. If you need help again, start a new request. If you wrote to the volunteer who helped you, you can pass this message to them.
button-new-request = 📝 Start a new request
button-write-volunteer = ✉ Write to the last volunteer
requester-case-reopened = Your message is passed on. Request #{ $case } is open again; your volunteer will answer here.
requester-reopen-impossible = That volunteer can no longer be reached through this request. Please start a new request: volunteers will read it.
volunteer-case-reopened = #{ $case } is open again: the person wrote to you after it was closed. Their message follows.

## The code word
requester-code-word = 🔑 Your code word: { $word }. The volunteer who writes to you in this chat will say it when they call or meet you: if someone says they are that volunteer and does not know it, do not go with them. Do not tell the word to anyone else.
case-code-word = 🔑 Code word: { $word } (say it when you call or meet the person)

## Training before claiming
cmd-trained = Record a volunteer's training: /trained USER_ID
usage-trained = Write the volunteer's Telegram id: /trained 123456789
trained = Volunteer { $user } is trained; it holds until { $until }. They can go /online now.
training-recorded = Your training is recorded: you can go /online and claim cases until { $until }.
training-required = You are a trainee: a supervisor records your training with /trained before you can go online or claim cases.
training-expired = Your training has run out: ask a supervisor to renew it with /trained before you go online or claim cases.
training-expires-soon = Your volunteer training runs out on { $until }. Ask a supervisor to renew it, or you cannot claim cases after that.
training-expires-soon-supervisor = The training of volunteer { $user } runs out on { $until }. Renew it with /trained { $user }.
roster-trainee = trainee
roster-trained = trained until { $until }
roster-expired = training ran out { $since }

## Hand-over
cmd-transfer = Pass a case to another volunteer: /transfer N USER_ID
usage-transfer = Write the case number and the volunteer's Telegram id: /transfer 12 123456789
transfer-same = #{ $case } is already theirs.
transfer-not-volunteer = User { $user } is not on the volunteer roster: #{ $case } stays with you.
transfer-untrained = Volunteer { $user } has no valid training: #{ $case } stays with you.
transfer-full = Volunteer { $user } holds as many cases as they may: #{ $case } stays with you.
transferred = #{ $case } is passed to volunteer { $user }. You no longer have access to it.
transferred-to-you = #{ $case } is passed to you by another volunteer. To answer the person, reply to their messages or write /msg { $case } text.
transferred-away = #{ $case } is passed to another volunteer. You no longer have access to it.
requester-transferred = Another volunteer took over your request #{ $case } and will write to you here. Nothing is lost.
button-transfer-cases = Pass them to another volunteer
transfer-how = To pass a case to another volunteer, write /transfer N USER_ID for each. Your open cases: { $cases }.

## Referral to a partner organisation
cmd-refer = Refer a case to a partner, with the person's consent: /refer N ORG
usage-refer = Write the case number and the partner: /refer 12 ORG. Partners: { $partners }.
refer-already-asked = The person of #{ $case } has not answered about { $partner } yet.
refer-asked = The person of #{ $case } is asked whether to share the request with { $partner }. Nothing is sent before they agree.
refer-ask = Volunteers suggest passing your request #{ $case } to { $partner }, who can help too. They would see the region, how many people, what you need and how urgent it is, not your name, phone number or address. Share it?
button-refer-yes = ✅ Yes, share it
button-refer-no = No
refer-thanks-yes = Thank you. Your request #{ $case } is passed to { $partner }. Your volunteer stays with you here.
refer-thanks-no = Understood: nothing is shared with { $partner }. Your volunteer stays with you here.
refer-agreed = The person of #{ $case } agreed: the summary is sent to { $partner }.
refer-declined = The person of #{ $case } declined: nothing was sent to { $partner }.
refer-summary = A request referred by the volunteers of { $network } (their case #{ $case }), with the person's consent:

## A team around a case
cmd-team = The team of a case: /team N, /team N add USER_ID [role], /team N remove USER_ID
usage-team = Write /team N to see the team, /team N add USER_ID [role] or /team N remove USER_ID. Roles: psychologist, driver, coordinator (the default), observer.
team-role-psychologist = psychologist
team-role-driver = driver coordinator
team-role-coordinator = coordinator
team-role-observer = observer
team-empty = #{ $case } has no team besides its volunteer.
team-title = The team of #{ $case } (id · role):
team-is-assigned = { $user } is the assigned volunteer of #{ $case } already.
team-untrained = { $user } has no valid training: they can join #{ $case } only as an observer.
team-added = { $user } is in the team of #{ $case } now, as { $role }.
team-removed = { $user } is no longer in the team of #{ $case }.
team-not-member = { $user } is not in the team of #{ $case }.
team-joined = You are in the team of #{ $case }, as { $role }. The person's messages will reach you here; answer by replying to them (observers only read). /case { $case } shows the details and notes.
team-left = You are no longer in the team of #{ $case }.
team-case-closed = #{ $case }, whose team you are in, is closed: { $outcome }.
requester-helper-joined = Another helper joined your request #{ $case } ({ $role }). They read your messages here and may write to you too.

## The user picker
pick-user = Choose the person with the button below (or type the command with their Telegram id).
button-pick-user = 👤 Choose the person
