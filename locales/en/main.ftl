# Bot texts (English). Every id here must exist in uk/ and ru/ too: `evac-intake check` says so.
# Plain text, no formatting marks. Case numbers are always written #N.

## Commands (the menu next to the text box)
cmd-start = Ask for help / continue
cmd-help = How this bot works
cmd-lang = Change language
cmd-cancel = Cancel the unsent form
cmd-status = My request
cmd-silent = Sound of messages on or off

## Consent
consent-text =
    🚨 If your life is at risk, call 112 (on Ukraine-controlled territory; in occupied areas 112 reaches the occupation services).

    Hello. This bot takes evacuation requests for the volunteer network “{ $network }”. Volunteers read them and write to you here.

    ⚠ Our volunteers never ask for money, card details or codes from SMS. Anyone who asks is a fraudster: do not answer them.

    What we store with your request: your answers to the next questions (about 2 minutes), the language you chose, your Telegram id and the messages in this chat. Your Telegram name and username are not stored.
    Who sees it: trained volunteers and coordinators, only to help you.
    How long: until your request is closed, then at most { $days } { $days ->
        [one] day
       *[other] days
    }. To erase it at any time, send /forget.

    Do you agree?
button-agree = ✅ I agree, continue
button-decline = No, thanks
button-language = 🌐 Мова / Язык / Language
consent-declined =
    Understood, nothing about you has been stored.

    If your life is at risk, call 112. Fire or collapse: 101. Injury: 103. Danger from people: 102.
    These numbers are for Ukraine-controlled territory: in occupied areas a call to 112 or 102 reaches the occupation services.
    Official evacuation information: the official channels of your regional military administration.
    You can come back at any time: press /start.

## Language
language-pick = Choose your language:
language-uk = Українська
language-ru = Русский
language-en = English
language-set = Done: I will write to you in English.

## Survey screens
progress = Question { $at } of { $total }
hint-multi = Choose everything that applies, then press "Done".
hint-number = Press a button or type a number from { $min } to { $max }.
hint-number-typed = Type a number from { $min } to { $max }.
hint-text = Type your answer (up to { $max } { $max ->
        [one] character
       *[other] characters
    }).
hint-location = Press "Send my location", or type your region and town or village (up to { $max } { $max ->
        [one] character
       *[other] characters
    }).
hint-phone = Press "Share my number", or type it, for example +380 67 123 45 67.
button-back = ◀ Back
button-skip = Skip
button-done = ✔ Done
button-yes = Yes
button-no = No
button-send-location = 📍 Send my location
button-share-phone = 📞 Share my number
button-submit = 📨 Submit the request
button-edit = ✏ { $label }
answer-yes = yes
answer-no = no
answer-skipped = —
answer-location = location shared
saved = ✓ Saved.
summary-title = Please check your answers:
summary-footer = If everything is right, press "Submit the request". To change an answer, press its button.
resume = Welcome back. Let's continue where you stopped.

## Refusals
error-stale = This button is out of date. Please use the latest message.
error-invalid-button = This button is not valid.
error-try-again = Something went wrong. Please try again in a minute.
error-use-buttons = Please answer with the buttons under the question.
error-media = I can only read text, buttons, a location or a contact here; I cannot understand voice messages. Please write your answer or use the buttons:
error-too-long = The text is too long: at most { $max } { $max ->
        [one] character
       *[other] characters
    }. Please write it shorter.
error-number = Please type a number from { $min } to { $max }.
error-bad-phone = This does not look like a phone number. Please type it with the country code, for example +380 67 123 45 67, or press "Skip".
error-nothing-visible = There is nothing to read in this message. Please type your answer in words.
error-choose-one = Please choose at least one option.
unknown-command = I don't know this command. Commands: /start, /help, /lang, /cancel, /status, /silent, /forget.

## Safety gate
emergency-guidance = { $occupied ->
        [yes] { emergency-guidance-occupied }
        [unsure] { emergency-guidance-occupied }
       *[other] { $safety ->
            [ambulance] { emergency-guidance-medical }
           *[other] { emergency-guidance-danger }
        }
    }
emergency-guidance-medical =
    🚑 Call an ambulance now: 103 (or 112). Say what happened, how many people are hurt and where you are.
    These numbers are for Ukraine-controlled territory: in occupied areas a call to 112 or 102 reaches the occupation services.

    Until the ambulance comes, stay with the person. Heavy bleeding: press hard on the wound with a cloth and do not let go.

    We are alerting coordinators (#{ $case }). If it is safe right now, answer the next questions: volunteers need them. You can also stop here: your request stays open.
emergency-guidance-occupied =
    { $safety ->
        [ambulance] 🚑 If a life is at risk, the local ambulance (103) is the fastest help. In occupied areas it is run by the occupation authorities: tell the doctors only what they need to know.
       *[other] 🚨 In occupied areas the emergency lines reach the occupation services: call them only if you decide there is no other way. Get to the safest place you can: a basement or an inner room without windows.
    }
    Turn off the sound of your phone. Tell where you are only to people you trust. If your phone may be checked, delete this chat after reading (do not block the bot, or the volunteer cannot write to you).

    We are alerting coordinators (#{ $case }). If it is safe right now, answer the next questions: volunteers need them. You can also stop here: your request stays open.
emergency-guidance-danger =
    🚨 If your life is at risk, call 112 now. Fire or collapse: 101. Injury: 103. Danger from people: 102.
    These numbers are for Ukraine-controlled territory: in occupied areas a call to 112 or 102 reaches the occupation services.

    Under shelling (not in a fire, gas leak or collapse): go to a shelter or an inner room without windows, with two walls between you and the street.

    We are alerting coordinators (#{ $case }). If it is safe right now, answer the next questions: volunteers need them. You can also stop here: your request stays open.
alert-critical-gate = 🚨 CRITICAL #{ $case }: { $reasons }. The person is still filling in the form.
alert-critical = 🚨 CRITICAL #{ $case }: { $reasons }.

silent-on = 🔕 Silent mode is on: the bot and the volunteer will send every message here without a sound. /silent turns the sound back on.
silent-nothing = Nothing is stored about you yet, so there is no sound to turn off. Press /start: the form will ask about it.
silent-off = 🔔 Silent mode is off: messages here come with the usual sound. /silent turns it off again.

## Submit and status
submitted =
    Your request #{ $case } is registered.

    A volunteer will write to you here, in this chat (urgent requests first). You do not need to send the request again.
    If you are hiding, turn off the sound for this chat. If your phone may be checked, delete this chat after reading (do not stop or block the bot, or the volunteer cannot write to you).
    /status shows where your request is.
already-registered = Your request #{ $case } is already registered. You do not need to send it again.
case-open-reminder = Your request #{ $case } is registered. A volunteer will write to you in this chat. /status shows where it is.
status-open = Your request #{ $case }: waiting for a volunteer.
status-claimed = Your request #{ $case }: a volunteer is working on it.
status-closed = Your request #{ $case } is closed.
status-unsent = You have not finished the form yet, so nothing has been sent. Press /start to continue.
status-none = You have no request. Press /start to ask for help.

## Cancel
cancel-confirm = Delete your unsent answers? Nothing will be sent.
button-cancel-yes = Yes, delete them
button-cancel-no = No, continue
cancel-done = Your answers are deleted, nothing was sent. Press /start to begin again.
cancel-done-case = The form is stopped. Your request #{ $case } stays open and marked urgent.
cancel-kept = Good, let's continue.
cancel-nothing = There is nothing to cancel.
cancel-nothing-case = There is no unsent form. Your request #{ $case } is registered and stays open.

## Help
help =
    If your life is at risk, call 112 (on Ukraine-controlled territory only).

    This bot takes evacuation requests and passes them to trained volunteers.

    /start: ask for help, or continue the form
    /status: where your request is
    /lang: change the language
    /cancel: delete the unsent form
    /silent: messages without a sound (on or off)
    /forget: erase your data
    /help: this message

## Staff
staff-welcome = You are a supervisor of this bot. Alerts about critical requests will come to this chat.
