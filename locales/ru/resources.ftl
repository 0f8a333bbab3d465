# Тексты для проверенных ресурсов (по-русски).

## Command menu
cmd-resources = Проверенные ресурсы: /resources [регион] [тип]
cmd-addresource = Добавить проверенный ресурс (пошагово)
cmd-checked = Подтвердить ресурс заново: /checked R
cmd-resstatus = Изменить статус ресурса: /resstatus R full|closed|unsafe|active [заметка]

## Kinds and statuses
resource-kind-shelter = Укрытие
resource-kind-transport = Транспорт
resource-kind-route = Маршрут
resource-kind-medical = Медицинская помощь
resource-kind-food = Еда
resource-kind-contact = Контакт
resource-kind-other = Другое
resource-status-active = действует
resource-status-full = нет мест
resource-status-closed = закрыто
resource-status-unsafe = небезопасно

## Ages (how long ago a check was made)
resource-age-minutes = { $n ->
        [one] { $n } минуту
        [few] { $n } минуты
        [many] { $n } минут
       *[other] { $n } минуты
    }
resource-age-hours = { $n ->
        [one] { $n } час
        [few] { $n } часа
        [many] { $n } часов
       *[other] { $n } часа
    }
resource-age-days = { $n ->
        [one] { $n } день
        [few] { $n } дня
        [many] { $n } дней
       *[other] { $n } дня
    }

## /addresource, step by step
res-add-kind = Новый проверенный ресурс. Какого он типа? (/cancel — остановить)
res-add-region = В каком он регионе?
res-add-title = Напишите короткое название, максимум { $max } { $max ->
        [one] символ
        [few] символа
        [many] символов
       *[other] символа
    } (например: Школа № 5, укрытие в подвале).
res-add-details = Напишите, что нужно знать человеку: адрес или место встречи, часы работы, что взять с собой. Максимум { $max } { $max ->
        [one] символ
        [few] символа
        [many] символов
       *[other] символа
    }.
res-add-phone = Напишите контактный номер телефона или нажмите «Пропустить».
res-add-capacity = Сколько человек он может принять? Напишите число или нажмите «Пропустить».
res-add-preview = Проверьте перед сохранением. При сохранении будет записано, что вы проверили его именно сейчас.
res-add-text-only = Пожалуйста, напишите это текстом.
res-add-too-long = Это слишком длинно: максимум { $max } { $max ->
        [one] символ
        [few] символа
        [many] символов
       *[other] символа
    }. Пожалуйста, напишите короче.
res-add-not-phone = Это не номер телефона. Напишите его так: +380 67 123 45 67, или нажмите «Пропустить».
res-add-phone-blocked = Этот номер телефона есть среди данных, отмеченных как фейк, поэтому его нельзя сохранить. Напишите другой номер или нажмите «Пропустить».
res-add-not-number = Напишите целое число от 1 до 100000 или нажмите «Пропустить».
res-add-saved = R{ $id } сохранён с отметкой, что вы проверили его сейчас. Волонтёры могут отправлять его до { $until } (по киевскому времени); после этого его нужно подтвердить командой /checked { $id }.
res-add-discarded = Новый ресурс отменён; ничего не сохранено.
res-add-nothing = Вы сейчас не добавляете ресурс, так что останавливать нечего.
res-add-expired = Этот шаг уже неактуален. Начните заново с /addresource.
button-save = ✅ Сохранить
button-discard = ✖ Отменить

## A resource as staff see it
res-line = R{ $id } · { $kind } · { $title }
res-line-status = статус: { $status }
res-line-capacity = принимает до { $capacity } { $capacity ->
        [one] человека
        [few] человек
        [many] человек
       *[other] человека
    }
res-line-phone = телефон: { $phone }
res-line-checked = проверено { $age } назад, кто проверял: { $by }
res-line-expires = проверка действует до { $until } (по киевскому времени)
res-line-stale = ⚠ срок проверки истёк: подтвердите командой /checked { $id }
res-line-reported = ⚠ заявитель сообщил, что информация неверна или устарела: волонтёры её не видят, пока кто-то не отправит /checked { $id }
res-list-title = Проверенные ресурсы: { $count }
res-list-title-region = Проверенные ресурсы (регион: { $region }): { $count }
res-list-empty = Нет проверенных ресурсов по этому запросу. Супервайзеры добавляют их командой /addresource.
res-list-volunteer-empty = Нет проверенных актуальных ресурсов по этому запросу. Обратитесь к супервайзеру.
res-list-more = …и ещё { $count }: уточните тип, например /resources { $region } shelter.
res-usage-list = Напишите регион и, если хотите, тип: /resources kharkiv shelter. Регионы: { $regions }. Типы: { $kinds }.
res-unknown-word = «{ $word }» — это не регион и не тип. Регионы: { $regions }. Типы: { $kinds }.
res-no-open-cases = У вас нет взятых заявок, куда это можно отправить. Сначала возьмите заявку.
button-send-to = Отправить в #{ $case }

## /checked, /resstatus
res-usage-checked = Напишите номер ресурса: /checked R12
res-usage-status = Напишите номер ресурса, статус и, если хотите, заметку: /resstatus R12 full до завтра. Статусы: active, full, closed, unsafe.
res-not-found = Ресурса R{ $id } нет.
res-checked = Вы только что подтвердили R{ $id }; проверка действует до { $until } (по киевскому времени).
res-status-set = R{ $id }: теперь статус «{ $status }».

## Sending to a requester
res-sent = R{ $id } отправлен автору заявки #{ $case }.
res-already-sent = R{ $id } уже отправлен автору заявки #{ $case }.
res-not-sendable = R{ $id } не отправлен: он не активен, срок его проверки истёк или заявитель сообщил, что в нём ошибка. Попросите супервайзера проверить его снова.
res-not-your-case = Заявка #{ $case } не закреплена за вами, поэтому ничего не отправлено.
res-to-requester = Информацию проверили волонтёры в { $time } (по киевскому времени). Ситуация быстро меняется: если это уже не так, пожалуйста, сообщите нам кнопкой ниже.
res-to-requester-phone = Телефон: { $phone }
res-to-requester-capacity = Может принять до { $capacity } { $capacity ->
        [one] человека
        [few] человек
        [many] человек
       *[other] человека
    }.
button-res-helped = 👍 Это помогло
button-res-wrong = ⚠ Неверно или устарело

## The requester's answer
res-feedback-thanks = Спасибо, это поможет следующему человеку.
res-feedback-wrong-thanks = Спасибо. Волонтёры не будут отправлять эту информацию, пока её не проверят снова. Ваш волонтёр напишет вам здесь.
res-feedback-done = Вы уже ответили на это. Спасибо.
res-reported-alert = ⚠ Автор заявки #{ $case } сообщает, что информация в R{ $id } ({ $title }) неверна или устарела. Волонтёры её больше не видят. Проверьте её, затем отправьте /checked { $id } или /resstatus { $id } closed.

## The hourly digest for supervisors
res-digest-title = Ресурсы за последний час:
res-digest-expiring = Проверки, срок которых истекает в течение часа (подтвердите командой /checked R):
res-digest-expiring-line = R{ $id } · { $title } · до { $until }
res-digest-reports = Что сообщили заявители:
res-digest-report-line = R{ $id } · { $title } · помогло: { $helped }, неверно или устарело: { $wrong }

## On cards, /case and /stats
card-resources = Отправленные ресурсы: { $list }
res-feedback-mark-helped = помогло
res-feedback-mark-wrong = сообщили об ошибке
report-stats-resources = Ресурсы (регион: можно отправлять / устарели / отмечены как неверные):

## After /done evacuated: how the journey went
res-journey-ask = Если хотите, расскажите, как прошла дорога и что стоит знать следующим людям. Это помогает волонтёрам поддерживать маршруты и укрытия в актуальном состоянии. Это не обязательно.
button-journey = ✍ Рассказать, как прошла дорога
res-journey-prompt = Напишите одним сообщением в ответ на это. Пожалуйста, не пишите имён, адресов и номеров телефонов.
res-journey-thanks = Спасибо. Волонтёры это прочитают. Если снова понадобится помощь, отправьте /start.
res-journey-text-only = Пожалуйста, напишите текстом в ответ на вопрос.
res-journey-too-long = Это слишком длинно: не больше { $max } символов. Пожалуйста, напишите короче в ответ на вопрос.
res-journey-report = 📝 Как прошла дорога, после заявки #{ $case } (выданные ресурсы: { $resources }):
    { $text }
res-journey-no-resources = нет
