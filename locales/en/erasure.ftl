# /forget and retention (English). Every id here must exist in uk/ and ru/ too.
# Plain text, no formatting marks. Case numbers are always written #N.

cmd-forget = Erase my data

## /forget: the question
forget-confirm =
    Erase everything we store about you? Your answers, your requests and the language you chose will be deleted for good. This cannot be undone.
forget-confirm-case =
    Erase everything we store about you? Your answers and the language you chose will be deleted for good, and your request #{ $case } will be withdrawn: no volunteer will contact you about it. This cannot be undone.

    If your life is at risk, call 112 (on Ukraine-controlled territory only).
button-forget-erase = 🗑 Yes, erase everything
button-forget-keep = No, keep it

## /forget: the answers
forget-kept = Nothing was erased. Everything stays as it was.
forget-nothing = We store nothing about you, so there is nothing to erase.
forget-staff = You are on the volunteer or coordinator list, so your data cannot be erased here. Ask a coordinator to take you off the list first, then send /forget again.
forget-done =
    Done. Erased from the bot: your answers, your messages, your language and your Telegram id. What stays is only anonymous figures for statistics, without your name or id.

    The bot also deleted its messages about you in volunteers' chats, but Telegram allows that only within 48 hours: older copies, and lists already exported, it cannot delete.
    The messages in this chat stay in your Telegram; to remove them, delete this chat. If you need help again, press /start.
forget-done-case =
    Done. Your request #{ $case } is withdrawn. Erased from the bot: your answers, your messages, your language and your Telegram id. What stays is only anonymous figures for statistics, without your name or id.

    If a volunteer was working on your request, we asked them to delete their copies. The bot deleted its own messages about you in volunteers' chats where Telegram allows it (within 48 hours); older copies, and lists already exported, it cannot delete.
    The messages in this chat stay in your Telegram; to remove them, delete this chat. If your life is at risk, call 112 (on Ukraine-controlled territory only). If you need help again, press /start.

## To the volunteer of a withdrawn case (the case number only)
forget-withdrawn = #{ $case } was withdrawn by the requester, and their data is erased. Please delete anything about them you still keep (notes, screenshots, phone numbers).

## How a withdrawn case ended, in /case
outcome-withdrawn = withdrawn by the requester
