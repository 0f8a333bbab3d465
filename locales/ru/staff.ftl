# Тексты для волонтёров и супервайзеров (по-русски), а также то, что заявители видят из работы над заявкой.

## Command menu (staff only)
cmd-online = Начать смену
cmd-offline = Завершить смену
cmd-queue = Открытые заявки, которые ждут волонтёра
cmd-claim = Взять заявку: /claim N
cmd-case = Подробности заявки: /case N
cmd-mycases = Мои открытые заявки
cmd-note = Внутренняя заметка: /note N текст
cmd-release = Вернуть заявку: /release N причина
cmd-done = Закрыть заявку: /done N результат
cmd-msg = Написать заявителю: /msg N текст
cmd-addvolunteer = Добавить волонтёра: /addvolunteer ID [uk,ru] [регионы]
cmd-removevolunteer = Удалить волонтёра: /removevolunteer ID
cmd-volunteers = Список волонтёров

volunteer-help =
    Вы волонтёр этого бота.
    /online и /offline: ваша смена. Пока вы на смене, вам предлагают новые заявки.
    /queue: открытые заявки. /claim N или кнопка «Взять»: взять заявку.
    /case N, /mycases, /note N текст, /release N причина, /done N результат, /msg N текст.
    /resources REGION [kind]: укрытия, маршруты и контакты, которые проверил супервайзер; «Отправить в #N» передаёт их вашему заявителю.
    Чтобы ответить заявителю, нажмите «Ответить» на его сообщении, которое вам передал бот. Заявитель никогда не видит ваше имя и аккаунт.
volunteer-welcome = Супервайзер добавляет вас как волонтёра этого бота. Нажмите /start, чтобы посмотреть, что вы можете делать.

## Cards
priority-critical = КРИТИЧНО
priority-high = высокий
priority-normal = обычный
priority-low = низкий
card-footer = Язык: { $lang } · ждёт { $minutes } мин
card-still-answering = ✍ Человек ещё заполняет анкету.
button-claim = ✋ Взять #{ $case }
card-taken = ✅ #{ $case }: заявкой уже занимается волонтёр.
case-status-line = Статус: { $status }
case-status-open = ждёт волонтёра
case-status-claimed = ею занимается волонтёр
case-status-closed = закрыта
case-language = Язык: { $lang }
case-notes = Заметки:
relay-tag = #{ $case }
relay-album-tag = ⬆ Альбом выше — от заявителя #{ $case }. Чтобы ответить, нажмите «Ответить» на этом сообщении или на одном из фото.

## Outcomes
outcome-evacuated = эвакуированы
outcome-staying_safe = остаются, в безопасности
outcome-unreachable = не удалось связаться
outcome-referred = перенаправлены в другие службы
outcome-declined = отказались от помощи

## Shift
shift-on = Вы на смене. Вам будут предлагать новые заявки.
shift-off = Ваша смена завершена.
shift-off-open-cases = Смена завершена, но у вас ещё { $count ->
        [one] { $count } открытая заявка
        [few] { $count } открытые заявки
        [many] { $count } открытых заявок
       *[other] { $count } открытой заявки
    }.
shift-off-question = Оставить открытые заявки за собой или вернуть их в очередь?
button-keep-cases = Оставить
button-release-cases = Вернуть в очередь
shift-off-released = Ваши заявки возвращены в очередь.
shift-off-kept = Заявки остаются за вами.
not-on-roster = Вас нет в списке волонтёров. Обратитесь к супервайзеру.

## Queue and cases
queue-empty = Заявок в очереди нет. Спасибо.
queue-title = В очереди { $count ->
        [one] { $count } заявка
        [few] { $count } заявки
        [many] { $count } заявок
       *[other] { $count } заявки
    } (страница { $page } из { $pages }):
queue-more = Ещё заявки:
button-next-page = Страница { $page } ▶
mycases-empty = У вас нет открытых заявок.
usage-claim = Напишите номер заявки: /claim 12
usage-case = Напишите номер заявки: /case 12
usage-note = Напишите номер заявки и заметку: /note 12 звонили, никто не отвечает
usage-release = Напишите номер заявки и, если хотите, причину: /release 12 не могу добраться до района
usage-done = Напишите номер заявки и результат: /done 12 evacuated (результаты: evacuated, staying_safe, unreachable, referred, declined)
usage-msg = Напишите номер заявки и сообщение: /msg 12 Мы позвоним вам в 10:00
usage-addvolunteer = Напишите Telegram id волонтёра, а затем, если нужно, языки и регионы: /addvolunteer 123456789 uk,ru kharkiv,sumy
usage-removevolunteer = Напишите Telegram id волонтёра: /removevolunteer 123456789
staff-only = Это только для волонтёров.
supervisor-only = Это могут делать только супервайзеры.
claimed = Заявка #{ $case } теперь ваша. Подробности выше; заявитель уже знает, что заявку взял волонтёр. Чтобы ответить ему, нажмите «Ответить» на его сообщении.
claim-already-yours = Заявка #{ $case } уже ваша.
claim-taken = Заявку #{ $case } уже взял другой волонтёр.
claim-at-capacity = У вас уже { $limit ->
        [one] { $limit } открытая заявка
        [few] { $limit } открытые заявки
        [many] { $limit } открытых заявок
       *[other] { $limit } открытой заявки
    }. Сначала закройте или верните одну из них.
case-closed = Заявка #{ $case } закрыта.
case-not-found = Заявки #{ $case } нет.
case-not-yours = Заявка #{ $case } не закреплена за вами.
case-not-claimed = Заявку #{ $case } ещё никто не взял.
note-added = Заметка добавлена к заявке #{ $case }.
note-released = Возврат в очередь: { $reason }
released = Заявка #{ $case } снова в очереди.
done-choose = Чем закончилась заявка #{ $case }?
case-done = Заявка #{ $case } закрыта: { $outcome }.
msg-sent = Отправлено автору заявки #{ $case }.
message-kept = Ваше сообщение добавлено к вашей заявке #{ $case }. Волонтёр, который её возьмёт, его увидит.
relay-how-to-answer = Чтобы ответить заявителю, нажмите «Ответить» на его сообщении, которое вам передал бот, или напишите /msg N текст.

## What requesters see
volunteer-connected = Волонтёр взял вашу заявку #{ $case } и напишет вам здесь. Вы можете писать ему в этом чате.
volunteer-handed-over = Вашу заявку #{ $case } передают другому волонтёру. Ничего не потеряно: вам напишут здесь.
requester-case-closed = Ваша заявка #{ $case } закрыта. Если вам снова понадобится помощь, нажмите /start.
checkin = Ваша заявка #{ $case }: вы ещё на связи? Пожалуйста, сообщите нам, как вы.
button-checkin-help = Мне ещё нужна помощь
button-checkin-safe = Я уехал(а) / я в безопасности
checkin-thanks = Спасибо. Мы передали ваш ответ.
checkin-answer-safe = #{ $case }: человек ответил на проверку состояния: уехал или в безопасности.
checkin-answer-help = #{ $case }: человек ответил на проверку состояния: ему ещё нужна помощь.

## Supervisors
escalation = ⏰ Заявка #{ $case } ждёт уже { $minutes } мин, и никто её не взял.
silent-claim = ⚠ #{ $case }: волонтёр { $volunteer } не писал заявителю уже { $hours } ч.
addvolunteer-unknown = «{ $item }» — это не язык (uk, ru, en) и не регион ({ $regions }).
addvolunteer-is-supervisor = Этот человек уже супервайзер.
addvolunteer-not-started = Пользователь { $user } не нажал кнопку Start («Запустить») в этом боте, поэтому Telegram не даёт боту ему писать. Попросите его открыть бота и нажать Start, а затем добавьте его ещё раз.
volunteer-added = Волонтёр { $user } добавлен как стажёр: когда он пройдёт обучение, засчитайте его командой /trained { $user }.
volunteer-updated = Волонтёр { $user }: языки и регионы обновлены.
volunteer-not-found = Пользователя { $user } нет в списке волонтёров.
volunteer-removed = Волонтёр { $user } удалён; в очередь { $count ->
        [one] вернулась { $count } заявка
        [few] вернулись { $count } заявки
        [many] вернулось { $count } заявок
       *[other] вернулось { $count } заявки
    }.
roster-empty = Список волонтёров пуст. Добавьте волонтёров командой /addvolunteer.
roster-any = любые
roster-online = на смене
roster-offline = не на смене
roster-title = { $count ->
        [one] { $count } волонтёр
        [few] { $count } волонтёра
        [many] { $count } волонтёров
       *[other] { $count } волонтёра
    } (id · смена · обучение · языки · регионы · открытые заявки):

## Writing after a request was closed
requester-case-closed-menu = Ваша заявка #{ $case } закрыта. Если снова нужна помощь, начните новую заявку. Если вы писали волонтёру, который вам помогал, можно передать ему это сообщение.
button-new-request = 📝 Начать новую заявку
button-write-volunteer = ✉ Написать последнему волонтёру
requester-case-reopened = Ваше сообщение передано. Заявка #{ $case } снова открыта; ваш волонтёр ответит здесь.
requester-reopen-impossible = Этому волонтёру уже нельзя написать через эту заявку. Пожалуйста, начните новую заявку: волонтёры её прочитают.
volunteer-case-reopened = Заявка #{ $case } снова открыта: человек написал вам после закрытия. Его сообщение ниже.

## The code word
requester-code-word = 🔑 Ваше кодовое слово: { $word }. Волонтёр, который пишет вам в этом чате, назовёт его, когда позвонит или встретится с вами: если кто-то говорит, что он этот волонтёр, но слова не знает, не идите с ним. Никому не говорите это слово.
case-code-word = 🔑 Кодовое слово: { $word } (назовите его, когда звоните человеку или встречаетесь с ним)

## Training before claiming
cmd-trained = Засчитать обучение волонтёра: /trained USER_ID
usage-trained = Напишите Telegram id волонтёра: /trained 123456789
trained = Волонтёр { $user } прошёл обучение; оно действует до { $until }. Теперь он может выйти на смену (/online).
training-recorded = Ваше обучение засчитано: вы можете выходить на смену (/online) и брать заявки до { $until }.
training-required = Вы стажёр: прежде чем выходить на смену или брать заявки, супервайзер должен засчитать ваше обучение командой /trained.
training-expired = Срок вашего обучения истёк: попросите супервайзера продлить его командой /trained, прежде чем выходить на смену или брать заявки.
training-expires-soon = Срок вашего обучения волонтёра истекает { $until }. Попросите супервайзера продлить его, иначе после этого вы не сможете брать заявки.
training-expires-soon-supervisor = Срок обучения волонтёра { $user } истекает { $until }. Продлите его командой /trained { $user }.
roster-trainee = стажёр
roster-trained = обучение действует до { $until }
roster-expired = обучение истекло { $since }

## Hand-over
cmd-transfer = Передать заявку другому волонтёру: /transfer N USER_ID
usage-transfer = Напишите номер заявки и Telegram id волонтёра: /transfer 12 123456789
transfer-same = Заявка #{ $case } уже у него.
transfer-not-volunteer = Пользователя { $user } нет среди волонтёров: заявка #{ $case } остаётся у вас.
transfer-untrained = У волонтёра { $user } нет действующего обучения: заявка #{ $case } остаётся у вас.
transfer-full = У волонтёра { $user } уже столько заявок, сколько можно: заявка #{ $case } остаётся у вас.
transferred = Заявка #{ $case } передана волонтёру { $user }. У вас больше нет к ней доступа.
transferred-to-you = Другой волонтёр передал вам заявку #{ $case }. Чтобы ответить человеку, отвечайте на его сообщения или напишите /msg { $case } текст.
transferred-away = Заявка #{ $case } передана другому волонтёру. У вас больше нет к ней доступа.
requester-transferred = Вашу заявку #{ $case } взял другой волонтёр; он напишет вам здесь. Ничего не потерялось.
button-transfer-cases = Передать другому волонтёру
transfer-how = Чтобы передать заявку другому волонтёру, напишите /transfer N USER_ID для каждой. Ваши открытые заявки: { $cases }.

## Referral to a partner organisation
cmd-refer = Передать заявку партнёру с согласия человека: /refer N ORG
usage-refer = Напишите номер заявки и партнёра: /refer 12 ORG. Партнёры: { $partners }.
refer-already-asked = Человек из заявки #{ $case } ещё не ответил насчёт { $partner }.
refer-asked = Человека из заявки #{ $case } спросили, передать ли заявку { $partner }. Ничего не отправляется, пока он не согласится.
refer-ask = Волонтёры предлагают передать вашу заявку #{ $case } организации «{ $partner }», которая тоже может помочь. Они увидят область, сколько людей, что вам нужно и насколько срочно, но не ваше имя, номер телефона или адрес. Передать?
button-refer-yes = ✅ Да, передать
button-refer-no = Нет
refer-thanks-yes = Спасибо. Ваша заявка #{ $case } передана организации «{ $partner }». Ваш волонтёр по-прежнему с вами здесь.
refer-thanks-no = Понятно: организации «{ $partner }» ничего не передано. Ваш волонтёр по-прежнему с вами здесь.
refer-agreed = Человек из заявки #{ $case } согласился: краткое описание отправлено { $partner }.
refer-declined = Человек из заявки #{ $case } отказался: { $partner } ничего не отправлено.
refer-summary = Заявка, переданная волонтёрами сети «{ $network }» (их заявка #{ $case }), с согласия человека:

## A team around a case
cmd-team = Команда заявки: /team N, /team N add USER_ID [роль], /team N remove USER_ID
usage-team = Напишите /team N, чтобы увидеть команду, /team N add USER_ID [роль] или /team N remove USER_ID. Роли: psychologist, driver, coordinator (по умолчанию), observer.
team-role-psychologist = психолог
team-role-driver = координатор водителей
team-role-coordinator = координатор
team-role-observer = наблюдатель
team-empty = У заявки #{ $case } нет команды, кроме её волонтёра.
team-title = Команда заявки #{ $case } (id · роль):
team-is-assigned = { $user } уже волонтёр заявки #{ $case }.
team-untrained = У { $user } нет действующего обучения: к заявке #{ $case } можно присоединиться только наблюдателем.
team-added = { $user } теперь в команде заявки #{ $case }: { $role }.
team-removed = { $user } больше не в команде заявки #{ $case }.
team-not-member = { $user } нет в команде заявки #{ $case }.
team-joined = Вы в команде заявки #{ $case }: { $role }. Сообщения человека будут приходить вам сюда; отвечайте на них (наблюдатели только читают). /case { $case } показывает подробности и заметки.
team-left = Вы больше не в команде заявки #{ $case }.
team-case-closed = Заявка #{ $case }, в команде которой вы состоите, закрыта: { $outcome }.
requester-helper-joined = К вашей заявке #{ $case } присоединился ещё один помощник: { $role }. Он читает ваши сообщения здесь и тоже может вам написать.

## The user picker
pick-user = Выберите человека кнопкой ниже (или напишите команду с его Telegram id).
button-pick-user = 👤 Выбрать человека
