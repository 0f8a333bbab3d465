# Тексти для волонтерів і супервізорів (українською), а також те, що заявники бачать з роботи над заявкою.

## Command menu (staff only)
cmd-online = Почати зміну
cmd-offline = Завершити зміну
cmd-queue = Відкриті заявки, що чекають на волонтера
cmd-claim = Взяти заявку: /claim N
cmd-case = Деталі заявки: /case N
cmd-mycases = Мої відкриті заявки
cmd-note = Внутрішня нотатка: /note N текст
cmd-release = Повернути заявку: /release N причина
cmd-done = Закрити заявку: /done N результат
cmd-msg = Написати заявникові: /msg N текст
cmd-addvolunteer = Додати волонтера: /addvolunteer ID [uk,ru] [регіони]
cmd-removevolunteer = Видалити волонтера: /removevolunteer ID
cmd-volunteers = Список волонтерів

volunteer-help =
    Ви волонтер цього бота.
    /online і /offline: ваша зміна. Поки ви на зміні, вам пропонуватимуть нові заявки.
    /queue: відкриті заявки. /claim N або кнопка «Взяти»: взяти заявку.
    /case N, /mycases, /note N текст, /release N причина, /done N результат, /msg N текст.
    /resources REGION [kind]: укриття, маршрути й контакти, які перевірив супервізор; «Надіслати до #N» передає їх вашому заявникові.
    Щоб відповісти заявникові, натисніть «Відповісти» на його повідомленні, яке вам передав бот. Заявник ніколи не бачить вашого імені чи акаунта.
volunteer-welcome = Супервізор додає вас як волонтера цього бота. Натисніть /start, щоб побачити, що ви можете робити.

## Cards
priority-critical = КРИТИЧНО
priority-high = високий
priority-normal = звичайний
priority-low = низький
card-footer = Мова: { $lang } · чекає { $minutes } хв
card-still-answering = ✍ Людина ще заповнює анкету.
button-claim = ✋ Взяти #{ $case }
card-taken = ✅ #{ $case }: заявкою вже займається волонтер.
case-status-line = Статус: { $status }
case-status-open = чекає на волонтера
case-status-claimed = нею займається волонтер
case-status-closed = закрита
case-language = Мова: { $lang }
case-notes = Нотатки:
relay-tag = #{ $case }
relay-album-tag = ⬆ Альбом вище — від заявника #{ $case }. Щоб відповісти, натисніть «Відповісти» на цьому повідомленні або на одному з фото.

## Outcomes
outcome-evacuated = евакуйовано
outcome-staying_safe = залишаються, у безпеці
outcome-unreachable = не вдалося зв'язатися
outcome-referred = перенаправлено до інших служб
outcome-declined = відмовилися від допомоги

## Shift
shift-on = Ви на зміні. Вам пропонуватимуть нові заявки.
shift-off = Вашу зміну завершено.
shift-off-open-cases = Зміну завершено, але у вас ще { $count ->
        [one] { $count } відкрита заявка
        [few] { $count } відкриті заявки
        [many] { $count } відкритих заявок
       *[other] { $count } відкритої заявки
    }.
shift-off-question = Залишити відкриті заявки за собою чи повернути їх у чергу?
button-keep-cases = Залишити
button-release-cases = Повернути в чергу
shift-off-released = Ваші заявки повернуто в чергу.
shift-off-kept = Заявки залишаються за вами.
not-on-roster = Вас немає в списку волонтерів. Зверніться до супервізора.

## Queue and cases
queue-empty = Заявок у черзі немає. Дякуємо.
queue-title = У черзі { $count ->
        [one] { $count } заявка
        [few] { $count } заявки
        [many] { $count } заявок
       *[other] { $count } заявки
    } (сторінка { $page } з { $pages }):
queue-more = Ще заявки:
button-next-page = Сторінка { $page } ▶
mycases-empty = У вас немає відкритих заявок.
usage-claim = Напишіть номер заявки: /claim 12
usage-case = Напишіть номер заявки: /case 12
usage-note = Напишіть номер заявки й нотатку: /note 12 дзвонили, ніхто не відповідає
usage-release = Напишіть номер заявки і, якщо хочете, причину: /release 12 не можу дістатися до району
usage-done = Напишіть номер заявки й результат: /done 12 evacuated (результати: evacuated, staying_safe, unreachable, referred, declined)
usage-msg = Напишіть номер заявки й повідомлення: /msg 12 Ми зателефонуємо вам о 10:00
usage-addvolunteer = Напишіть Telegram id волонтера, а потім, за бажанням, мови й регіони: /addvolunteer 123456789 uk,ru kharkiv,sumy
usage-removevolunteer = Напишіть Telegram id волонтера: /removevolunteer 123456789
staff-only = Це лише для волонтерів.
supervisor-only = Це можуть робити лише супервізори.
claimed = Заявка #{ $case } тепер ваша. Деталі вище; заявник уже знає, що заявку взяв волонтер. Щоб відповісти, натисніть «Відповісти» на його повідомленні.
claim-already-yours = Заявка #{ $case } вже ваша.
claim-taken = Заявку #{ $case } вже взяв інший волонтер.
claim-at-capacity = У вас уже { $limit ->
        [one] { $limit } відкрита заявка
        [few] { $limit } відкриті заявки
        [many] { $limit } відкритих заявок
       *[other] { $limit } відкритої заявки
    }. Спершу закрийте або поверніть одну з них.
case-closed = Заявку #{ $case } закрито.
case-not-found = Заявки #{ $case } немає.
case-not-yours = Заявка #{ $case } не закріплена за вами.
case-not-claimed = Заявку #{ $case } ще ніхто не взяв.
note-added = Нотатку додано до заявки #{ $case }.
note-released = Повернення в чергу: { $reason }
released = Заявка #{ $case } знову в черзі.
done-choose = Чим завершилася заявка #{ $case }?
case-done = Заявку #{ $case } закрито: { $outcome }.
msg-sent = Надіслано авторові заявки #{ $case }.
message-kept = Ваше повідомлення додано до вашої заявки #{ $case }. Волонтер, який її візьме, його побачить.
relay-how-to-answer = Щоб відповісти заявникові, натисніть «Відповісти» на його повідомленні, яке вам передав бот, або напишіть /msg N текст.

## What requesters see
volunteer-connected = Волонтер узяв вашу заявку #{ $case } і напише вам тут. Ви можете писати йому в цьому чаті.
volunteer-handed-over = Вашу заявку #{ $case } передають іншому волонтерові. Нічого не втрачено: вам напишуть тут.
requester-case-closed = Вашу заявку #{ $case } закрито. Якщо вам знову знадобиться допомога, натисніть /start.
checkin = Ваша заявка #{ $case }: ви ще на зв'язку? Будь ласка, повідомте нам, як ви.
button-checkin-help = Мені ще потрібна допомога
button-checkin-safe = Я виїхав(-ла) / я в безпеці
checkin-thanks = Дякуємо. Ми передали вашу відповідь.
checkin-answer-safe = #{ $case }: людина відповіла на перевірку стану: виїхала або в безпеці.
checkin-answer-help = #{ $case }: людина відповіла на перевірку стану: їй ще потрібна допомога.

## Supervisors
escalation = ⏰ Заявка #{ $case } чекає вже { $minutes } хв, і ніхто її не взяв.
silent-claim = ⚠ #{ $case }: волонтер { $volunteer } не писав заявникові вже { $hours } год.
addvolunteer-unknown = «{ $item }» — це не мова (uk, ru, en) і не регіон ({ $regions }).
addvolunteer-is-supervisor = Ця людина вже супервізор.
addvolunteer-not-started = Користувач { $user } не натиснув кнопку Start («Почати») у цьому боті, тому Telegram не дозволяє ботові писати йому. Попросіть його відкрити бота й натиснути Start, а потім додайте його ще раз.
volunteer-added = Волонтера { $user } додано як стажера: коли він пройде навчання, зарахуйте його командою /trained { $user }.
volunteer-updated = Волонтер { $user }: мови й регіони оновлено.
volunteer-not-found = Користувача { $user } немає в списку волонтерів.
volunteer-removed = Волонтера { $user } видалено; у чергу повернуто { $count ->
        [one] { $count } заявку
        [few] { $count } заявки
        [many] { $count } заявок
       *[other] { $count } заявки
    }.
roster-empty = Список волонтерів порожній. Додайте волонтерів командою /addvolunteer.
roster-any = будь-які
roster-online = на зміні
roster-offline = не на зміні
roster-title = { $count ->
        [one] { $count } волонтер
        [few] { $count } волонтери
        [many] { $count } волонтерів
       *[other] { $count } волонтера
    } (id · зміна · навчання · мови · регіони · відкриті заявки):

## Writing after a request was closed
requester-case-closed-menu = Вашу заявку #{ $case } закрито. Якщо знову потрібна допомога, почніть нову заявку. Якщо ви писали волонтерові, який вам допомагав, можна передати йому це повідомлення.
button-new-request = 📝 Почати нову заявку
button-write-volunteer = ✉ Написати останньому волонтерові
requester-case-reopened = Ваше повідомлення передано. Заявка #{ $case } знову відкрита; ваш волонтер відповість тут.
requester-reopen-impossible = Цьому волонтерові вже не можна написати через цю заявку. Будь ласка, почніть нову заявку: волонтери її прочитають.
volunteer-case-reopened = Заявка #{ $case } знову відкрита: людина написала вам після закриття. Її повідомлення нижче.

## The code word
requester-code-word = 🔑 Ваше кодове слово: { $word }. Волонтер, який пише вам у цьому чаті, назве його, коли зателефонує чи зустрінеться з вами: якщо хтось каже, що він цей волонтер, але слова не знає, не йдіть із ним. Нікому не кажіть цього слова.
case-code-word = 🔑 Кодове слово: { $word } (назвіть його, коли телефонуєте людині чи зустрічаєтеся з нею)

## Training before claiming
cmd-trained = Зарахувати навчання волонтера: /trained USER_ID
usage-trained = Напишіть Telegram id волонтера: /trained 123456789
trained = Волонтер { $user } пройшов навчання; воно чинне до { $until }. Тепер він може вийти на зміну (/online).
training-recorded = Ваше навчання зараховано: ви можете виходити на зміну (/online) і брати заявки до { $until }.
training-required = Ви стажер: перш ніж виходити на зміну чи брати заявки, супервізор має зарахувати ваше навчання командою /trained.
training-expired = Термін вашого навчання минув: попросіть супервізора поновити його командою /trained, перш ніж виходити на зміну чи брати заявки.
training-expires-soon = Термін вашого навчання волонтера спливає { $until }. Попросіть супервізора поновити його, інакше після цього ви не зможете брати заявки.
training-expires-soon-supervisor = Термін навчання волонтера { $user } спливає { $until }. Поновіть його командою /trained { $user }.
roster-trainee = стажер
roster-trained = навчання чинне до { $until }
roster-expired = навчання сплило { $since }

## Hand-over
cmd-transfer = Передати заявку іншому волонтерові: /transfer N USER_ID
usage-transfer = Напишіть номер заявки й Telegram id волонтера: /transfer 12 123456789
transfer-same = Заявка #{ $case } уже в нього.
transfer-not-volunteer = Користувача { $user } немає серед волонтерів: заявка #{ $case } лишається у вас.
transfer-untrained = У волонтера { $user } немає чинного навчання: заявка #{ $case } лишається у вас.
transfer-full = Волонтер { $user } уже має стільки заявок, скільки може: заявка #{ $case } лишається у вас.
transferred = Заявку #{ $case } передано волонтерові { $user }. Ви більше не маєте до неї доступу.
transferred-to-you = Інший волонтер передав вам заявку #{ $case }. Щоб відповісти людині, відповідайте на її повідомлення або напишіть /msg { $case } текст.
transferred-away = Заявку #{ $case } передано іншому волонтерові. Ви більше не маєте до неї доступу.
requester-transferred = Вашу заявку #{ $case } узяв інший волонтер; він напише вам тут. Нічого не загубилося.
button-transfer-cases = Передати іншому волонтерові
transfer-how = Щоб передати заявку іншому волонтерові, напишіть /transfer N USER_ID для кожної. Ваші відкриті заявки: { $cases }.

## Referral to a partner organisation
cmd-refer = Передати заявку партнерові за згодою людини: /refer N ORG
usage-refer = Напишіть номер заявки й партнера: /refer 12 ORG. Партнери: { $partners }.
refer-already-asked = Людина із заявки #{ $case } ще не відповіла щодо { $partner }.
refer-asked = Людину із заявки #{ $case } запитано, чи передати заявку { $partner }. Нічого не надсилається, доки вона не погодиться.
refer-ask = Волонтери пропонують передати вашу заявку #{ $case } організації «{ $partner }», яка теж може допомогти. Вони побачать область, скільки людей, що вам потрібно і наскільки терміново, але не ваше ім'я, номер телефону чи адресу. Передати?
button-refer-yes = ✅ Так, передати
button-refer-no = Ні
refer-thanks-yes = Дякуємо. Вашу заявку #{ $case } передано організації «{ $partner }». Ваш волонтер і далі з вами тут.
refer-thanks-no = Зрозуміло: організації «{ $partner }» нічого не передано. Ваш волонтер і далі з вами тут.
refer-agreed = Людина із заявки #{ $case } погодилася: стислий опис надіслано { $partner }.
refer-declined = Людина із заявки #{ $case } відмовилася: { $partner } нічого не надіслано.
refer-summary = Заявка, передана волонтерами мережі «{ $network }» (їхня заявка #{ $case }), за згодою людини:

## A team around a case
cmd-team = Команда заявки: /team N, /team N add USER_ID [роль], /team N remove USER_ID
usage-team = Напишіть /team N, щоб побачити команду, /team N add USER_ID [роль] або /team N remove USER_ID. Ролі: psychologist, driver, coordinator (типово), observer.
team-role-psychologist = психолог
team-role-driver = координатор водіїв
team-role-coordinator = координатор
team-role-observer = спостерігач
team-empty = У заявки #{ $case } немає команди, крім її волонтера.
team-title = Команда заявки #{ $case } (id · роль):
team-is-assigned = { $user } уже є волонтером заявки #{ $case }.
team-untrained = У { $user } немає чинного навчання: до заявки #{ $case } можна долучитися лише як спостерігач.
team-added = { $user } тепер у команді заявки #{ $case }: { $role }.
team-removed = { $user } більше не в команді заявки #{ $case }.
team-not-member = { $user } немає в команді заявки #{ $case }.
team-joined = Ви в команді заявки #{ $case }: { $role }. Повідомлення людини надходитимуть вам сюди; відповідайте на них (спостерігачі лише читають). /case { $case } показує подробиці й нотатки.
team-left = Ви більше не в команді заявки #{ $case }.
team-case-closed = Заявку #{ $case }, у команді якої ви є, закрито: { $outcome }.
requester-helper-joined = До вашої заявки #{ $case } долучився ще один помічник: { $role }. Він читає ваші повідомлення тут і теж може вам написати.

## The user picker
pick-user = Виберіть людину кнопкою нижче (або напишіть команду з її Telegram id).
button-pick-user = 👤 Вибрати людину
