# Тексты для модерации супервайзерами (по-русски).

## Command menu (supervisors)
cmd-verify = Отметить заявку проверенной: /verify N [заметка]
cmd-flag = Придержать заявку: /flag N причина
cmd-unflag = Отпустить придержанную заявку: /unflag N
cmd-ban = Заблокировать человека: /ban USER_ID причина
cmd-unban = Снять блокировку: /unban USER_ID
cmd-bans = Заблокированные и те, кто флудил не раз
cmd-blockphone = Отметить телефон как фейк: /blockphone НОМЕР
cmd-blockplace = Отметить место как фейк: /blockplace ТЕКСТ
cmd-addsupervisor = Добавить супервайзера: /addsupervisor USER_ID
cmd-removesupervisor = Удалить супервайзера: /removesupervisor USER_ID
cmd-audit = История заявки: /audit N
cmd-stats = Статистика с графиком
cmd-export = Заявки в CSV (/export full: с контактами)

## Cards
card-verified = ✔ проверено
card-flagged = ⚠ придержано: { $reason }
card-unverified-critical = ❗ ещё не проверено
outcome-banned = закрыта: автор заблокирован

## Verification and flags
usage-verify = Напишите номер заявки и, если хотите, заметку: /verify 12 перезвонили, подтверждено
verified = Заявка #{ $case } отмечена как проверенная.
usage-flag = Напишите номер заявки и причину: /flag 12 такого адреса не существует
flagged = Заявка #{ $case } придержана: волонтёрам её не будут предлагать, пока вы не отпустите её командой /unflag.
usage-unflag = Напишите номер заявки: /unflag 12
not-flagged = Заявка #{ $case } не придержана.
unflagged = Заявка #{ $case } больше не придержана.
flag-blocklist = ⚠ Заявка #{ $case } содержит данные, отмеченные как фейк: { $kind }. Она придержана, волонтёрам её не предлагают. Проверьте её, затем отправьте /unflag { $case } или заблокируйте её автора командой /ban.
blocked-kind-phone = номер телефона
blocked-kind-place = место

## Bans
usage-ban = Напишите Telegram id и причину: /ban 123456789 фейковые адреса
ban-supervisor = Супервайзера нельзя заблокировать. Сначала удалите его из супервайзеров.
ban-already = Пользователь { $user } уже заблокирован.
you-are-banned = Этот бот больше не принимает ваши сообщения. Если есть угроза жизни, звоните 112 (только на подконтрольной Украине территории).
case-banned = Заявка #{ $case } закрыта: её автор заблокирован.
banned = Пользователь { $user } заблокирован; { $count ->
        [one] закрыта { $count } открытая заявка
        [few] закрыты { $count } открытые заявки
        [many] закрыто { $count } открытых заявок
       *[other] закрыто { $count } открытой заявки
    }.
usage-unban = Напишите Telegram id: /unban 123456789
not-banned = Пользователь { $user } не заблокирован.
unbanned = Пользователь { $user } разблокирован.
bans-empty = Заблокированных нет.
bans-title = { $count ->
        [one] { $count } блокировка
        [few] { $count } блокировки
        [many] { $count } блокировок
       *[other] { $count } блокировки
    } (id · причина · кто заблокировал):
flooders-title = Ограничены за флуд больше одного раза (id · сколько раз):
muted = Если есть угроза жизни, звоните 112 (только на подконтрольной Украине территории). Слишком много сообщений за короткое время: пожалуйста, подождите { $minutes } мин и напишите снова. Ваша заявка никуда не пропала.

## Blocklist
usage-blockphone = Напишите номер телефона: /blockphone +380 67 123 45 67
usage-blockplace = Напишите место: /blockplace Изюм, Садовая 5
usage-blocklink = Напишите домен или ссылку: /blocklink free-flats.site или /blocklink https://t.me/fakechannel
usage-unblocklink = Напишите домен или ссылку: /unblocklink free-flats.site
link-unblocked = Ссылка больше не отмечена как фейк.
link-not-blocked = Эта ссылка не отмечена как фейк.
blocked-kind-link = ссылка
cmd-blocklink = Отметить ссылку как фейк: /blocklink ДОМЕН_ИЛИ_URL
cmd-unblocklink = Снять отметку со ссылки: /unblocklink ДОМЕН_ИЛИ_URL
blocked = Отмечено как фейк (бот хранит только цифровой отпечаток этих данных). Придержано заявок сейчас: { $count }.

## Supervisors
usage-addsupervisor = Напишите Telegram id: /addsupervisor 123456789
supervisor-already = Пользователь { $user } уже супервайзер.
supervisor-added = Пользователь { $user } теперь супервайзер. Ему нужно нажать /start в боте.
usage-removesupervisor = Напишите Telegram id: /removesupervisor 123456789
supervisor-from-env = Этот супервайзер задан в конфигурации бота (SUPERVISOR_IDS), поэтому здесь его удалить нельзя.
supervisor-last = Последнего супервайзера удалить нельзя.
supervisor-not-found = Пользователь { $user } не был добавлен в боте как супервайзер.
supervisor-removed = Пользователь { $user } больше не супервайзер.
