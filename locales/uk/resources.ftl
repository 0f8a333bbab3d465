# Тексти для перевірених ресурсів (українською).

## Command menu
cmd-resources = Перевірені ресурси: /resources [регіон] [тип]
cmd-addresource = Додати перевірений ресурс (покроково)
cmd-checked = Підтвердити ресурс ще раз: /checked R
cmd-resstatus = Змінити статус ресурсу: /resstatus R full|closed|unsafe|active [нотатка]

## Kinds and statuses
resource-kind-shelter = Укриття
resource-kind-transport = Транспорт
resource-kind-route = Маршрут
resource-kind-medical = Медична допомога
resource-kind-food = Їжа
resource-kind-contact = Контакт
resource-kind-other = Інше
resource-status-active = діє
resource-status-full = немає місць
resource-status-closed = закрито
resource-status-unsafe = небезпечно

## Ages (how long ago a check was made)
resource-age-minutes = { $n ->
        [one] { $n } хвилину
        [few] { $n } хвилини
        [many] { $n } хвилин
       *[other] { $n } хвилини
    }
resource-age-hours = { $n ->
        [one] { $n } годину
        [few] { $n } години
        [many] { $n } годин
       *[other] { $n } години
    }
resource-age-days = { $n ->
        [one] { $n } день
        [few] { $n } дні
        [many] { $n } днів
       *[other] { $n } дня
    }

## /addresource, step by step
res-add-kind = Новий перевірений ресурс. Якого він типу? (/cancel — зупинити)
res-add-region = У якому він регіоні?
res-add-title = Напишіть коротку назву, щонайбільше { $max } { $max ->
        [one] символ
        [few] символи
        [many] символів
       *[other] символу
    } (наприклад: Школа № 5, укриття в підвалі).
res-add-details = Напишіть, що людині треба знати: адресу чи місце зустрічі, години роботи, що взяти з собою. Щонайбільше { $max } { $max ->
        [one] символ
        [few] символи
        [many] символів
       *[other] символу
    }.
res-add-phone = Напишіть контактний номер телефону або натисніть «Пропустити».
res-add-capacity = Скільки людей він може прийняти? Напишіть число або натисніть «Пропустити».
res-add-preview = Перевірте перед збереженням. Під час збереження буде записано, що ви перевірили його саме зараз.
res-add-text-only = Будь ласка, напишіть це текстом.
res-add-too-long = Це задовго: щонайбільше { $max } { $max ->
        [one] символ
        [few] символи
        [many] символів
       *[other] символу
    }. Будь ласка, напишіть коротше.
res-add-not-phone = Це не номер телефону. Напишіть його так: +380 67 123 45 67, або натисніть «Пропустити».
res-add-phone-blocked = Цей номер телефону є серед даних, позначених як фейк, тому його не можна зберегти. Напишіть інший номер або натисніть «Пропустити».
res-add-not-number = Напишіть ціле число від 1 до 100000 або натисніть «Пропустити».
res-add-saved = R{ $id } збережено з позначкою, що ви перевірили його зараз. Волонтери можуть надсилати його до { $until } (за київським часом); після цього його треба підтвердити командою /checked { $id }.
res-add-discarded = Новий ресурс скасовано; нічого не збережено.
res-add-nothing = Ви зараз не додаєте ресурсу, тож зупиняти нічого.
res-add-expired = Цей крок уже неактуальний. Почніть спочатку з /addresource.
button-save = ✅ Зберегти
button-discard = ✖ Скасувати

## A resource as staff see it
res-line = R{ $id } · { $kind } · { $title }
res-line-status = статус: { $status }
res-line-capacity = приймає до { $capacity } { $capacity ->
        [one] особи
        [few] осіб
        [many] осіб
       *[other] особи
    }
res-line-phone = телефон: { $phone }
res-line-checked = перевірено { $age } тому, хто перевіряв: { $by }
res-line-expires = перевірка дійсна до { $until } (за київським часом)
res-line-stale = ⚠ термін перевірки минув: підтвердьте командою /checked { $id }
res-line-reported = ⚠ заявник повідомив, що інформація неправильна або застаріла: волонтери її не бачать, доки хтось не надішле /checked { $id }
res-list-title = Перевірені ресурси: { $count }
res-list-title-region = Перевірені ресурси (регіон: { $region }): { $count }
res-list-empty = Немає перевірених ресурсів за цим запитом. Супервізори додають їх командою /addresource.
res-list-volunteer-empty = Немає перевірених актуальних ресурсів за цим запитом. Зверніться до супервізора.
res-list-more = …і ще { $count }: уточніть тип, наприклад /resources { $region } shelter.
res-usage-list = Напишіть регіон і, якщо хочете, тип: /resources kharkiv shelter. Регіони: { $regions }. Типи: { $kinds }.
res-unknown-word = «{ $word }» — це не регіон і не тип. Регіони: { $regions }. Типи: { $kinds }.
res-no-open-cases = У вас немає взятих заявок, куди це можна надіслати. Спершу візьміть заявку.
button-send-to = Надіслати до #{ $case }

## /checked, /resstatus
res-usage-checked = Напишіть номер ресурсу: /checked R12
res-usage-status = Напишіть номер ресурсу, статус і, якщо хочете, нотатку: /resstatus R12 full до завтра. Статуси: active, full, closed, unsafe.
res-not-found = Ресурсу R{ $id } немає.
res-checked = Ви щойно підтвердили R{ $id }; перевірка дійсна до { $until } (за київським часом).
res-status-set = R{ $id }: тепер статус «{ $status }».

## Sending to a requester
res-sent = R{ $id } надіслано авторові заявки #{ $case }.
res-already-sent = R{ $id } уже надіслано авторові заявки #{ $case }.
res-not-sendable = R{ $id } не надіслано: він не активний, термін його перевірки минув або заявник повідомив, що в ньому помилка. Попросіть супервізора перевірити його ще раз.
res-not-your-case = Заявка #{ $case } не закріплена за вами, тому нічого не надіслано.
res-to-requester = Інформацію перевірили волонтери о { $time } (за київським часом). Ситуація швидко змінюється: якщо це вже не так, будь ласка, повідомте нам кнопкою нижче.
res-to-requester-phone = Телефон: { $phone }
res-to-requester-capacity = Може прийняти до { $capacity } { $capacity ->
        [one] особи
        [few] осіб
        [many] осіб
       *[other] особи
    }.
button-res-helped = 👍 Це допомогло
button-res-wrong = ⚠ Неправильно або застаріло

## The requester's answer
res-feedback-thanks = Дякуємо, це допоможе наступній людині.
res-feedback-wrong-thanks = Дякуємо. Волонтери не надсилатимуть цю інформацію, доки її не перевірять знову. Ваш волонтер напише вам тут.
res-feedback-done = Ви вже відповіли на це. Дякуємо.
res-reported-alert = ⚠ Автор заявки #{ $case } повідомляє, що інформація в R{ $id } ({ $title }) неправильна або застаріла. Волонтери її більше не бачать. Перевірте її, а потім надішліть /checked { $id } або /resstatus { $id } closed.

## The hourly digest for supervisors
res-digest-title = Ресурси за останню годину:
res-digest-expiring = Перевірки, термін яких спливає протягом години (підтвердьте командою /checked R):
res-digest-expiring-line = R{ $id } · { $title } · до { $until }
res-digest-reports = Що повідомили заявники:
res-digest-report-line = R{ $id } · { $title } · допомогло: { $helped }, неправильно або застаріло: { $wrong }

## On cards, /case and /stats
card-resources = Надіслані ресурси: { $list }
res-feedback-mark-helped = допомогло
res-feedback-mark-wrong = повідомили про помилку
report-stats-resources = Ресурси (регіон: можна надсилати / застарілі / позначені як неправильні):

## After /done evacuated: how the journey went
res-journey-ask = Якщо хочете, розкажіть, як минула дорога і що варто знати наступним людям. Це допомагає волонтерам тримати маршрути й укриття актуальними. Це не обов'язково.
button-journey = ✍ Розповісти, як минула дорога
res-journey-prompt = Напишіть одним повідомленням у відповідь на це. Будь ласка, не пишіть імен, адрес і номерів телефонів.
res-journey-thanks = Дякуємо. Волонтери це прочитають. Якщо знову знадобиться допомога, надішліть /start.
res-journey-text-only = Будь ласка, напишіть текстом у відповідь на запитання.
res-journey-too-long = Це задовго: щонайбільше { $max } символів. Будь ласка, напишіть коротше у відповідь на запитання.
res-journey-report = 📝 Як минула дорога, після заявки #{ $case } (надані ресурси: { $resources }):
    { $text }
res-journey-no-resources = немає
