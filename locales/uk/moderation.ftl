# Тексти для модерації супервізорами (українською).

## Command menu (supervisors)
cmd-verify = Позначити заявку перевіреною: /verify N [нотатка]
cmd-flag = Притримати заявку: /flag N причина
cmd-unflag = Відпустити притриману заявку: /unflag N
cmd-ban = Заблокувати людину: /ban USER_ID причина
cmd-unban = Зняти блокування: /unban USER_ID
cmd-bans = Заблоковані та ті, хто флудив не раз
cmd-blockphone = Позначити телефон як фейк: /blockphone НОМЕР
cmd-blockplace = Позначити місце як фейк: /blockplace ТЕКСТ
cmd-addsupervisor = Додати супервізора: /addsupervisor USER_ID
cmd-removesupervisor = Видалити супервізора: /removesupervisor USER_ID
cmd-audit = Історія заявки: /audit N
cmd-stats = Статистика з графіком
cmd-export = Заявки у CSV (/export full: з контактами)

## Cards
card-verified = ✔ перевірено
card-flagged = ⚠ притримано: { $reason }
card-unverified-critical = ❗ ще не перевірено
outcome-banned = закрито: автора заблоковано

## Verification and flags
usage-verify = Напишіть номер заявки і, якщо хочете, нотатку: /verify 12 передзвонили, підтверджено
verified = Заявку #{ $case } позначено як перевірену.
usage-flag = Напишіть номер заявки й причину: /flag 12 такої адреси не існує
flagged = Заявку #{ $case } притримано: волонтерам її не пропонуватимуть, доки ви не відпустите її командою /unflag.
usage-unflag = Напишіть номер заявки: /unflag 12
not-flagged = Заявка #{ $case } не притримана.
unflagged = Заявка #{ $case } більше не притримана.
flag-blocklist = ⚠ Заявка #{ $case } містить дані, позначені як фейк: { $kind }. Її притримано, волонтерам її не пропонують. Перевірте її, а потім надішліть /unflag { $case } або заблокуйте її автора командою /ban.
blocked-kind-phone = номер телефону
blocked-kind-place = місце

## Bans
usage-ban = Напишіть Telegram id і причину: /ban 123456789 фейкові адреси
ban-supervisor = Супервізора не можна заблокувати. Спершу видаліть його із супервізорів.
ban-already = Користувача { $user } уже заблоковано.
you-are-banned = Цей бот більше не приймає ваших повідомлень. Якщо є загроза життю, телефонуйте 112 (лише на підконтрольній Україні території).
case-banned = Заявку #{ $case } закрито: її автора заблоковано.
banned = Користувача { $user } заблоковано; закрито { $count ->
        [one] { $count } відкриту заявку
        [few] { $count } відкриті заявки
        [many] { $count } відкритих заявок
       *[other] { $count } відкритої заявки
    }.
usage-unban = Напишіть Telegram id: /unban 123456789
not-banned = Користувач { $user } не заблокований.
unbanned = Користувача { $user } розблоковано.
bans-empty = Заблокованих немає.
bans-title = { $count ->
        [one] { $count } блокування
        [few] { $count } блокування
        [many] { $count } блокувань
       *[other] { $count } блокування
    } (id · причина · хто заблокував):
flooders-title = Обмежені за флуд більше одного разу (id · скільки разів):
muted = Якщо є загроза життю, телефонуйте 112 (лише на підконтрольній Україні території). Забагато повідомлень за короткий час: будь ласка, зачекайте { $minutes } хв, а потім напишіть знову. Ваша заявка нікуди не зникла.

## Blocklist
usage-blockphone = Напишіть номер телефону: /blockphone +380 67 123 45 67
usage-blockplace = Напишіть місце: /blockplace Ізюм, Садова 5
usage-blocklink = Напишіть домен або посилання: /blocklink free-flats.site або /blocklink https://t.me/fakechannel
usage-unblocklink = Напишіть домен або посилання: /unblocklink free-flats.site
link-unblocked = Посилання більше не позначене як фейк.
link-not-blocked = Це посилання не позначене як фейк.
blocked-kind-link = посилання
cmd-blocklink = Позначити посилання як фейк: /blocklink ДОМЕН_АБО_URL
cmd-unblocklink = Зняти позначку з посилання: /unblocklink ДОМЕН_АБО_URL
blocked = Позначено як фейк (бот зберігає лише цифровий відбиток цих даних). Заявок притримано зараз: { $count }.

## Supervisors
usage-addsupervisor = Напишіть Telegram id: /addsupervisor 123456789
supervisor-already = Користувач { $user } уже супервізор.
supervisor-added = Користувач { $user } тепер супервізор. Йому треба натиснути /start у боті.
usage-removesupervisor = Напишіть Telegram id: /removesupervisor 123456789
supervisor-from-env = Цього супервізора задано в конфігурації бота (SUPERVISOR_IDS), тому тут його не можна видалити.
supervisor-last = Останнього супервізора видалити не можна.
supervisor-not-found = Користувача { $user } не додавали в боті як супервізора.
supervisor-removed = Користувач { $user } більше не супервізор.
