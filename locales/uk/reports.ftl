# Тексти звітів для супервізорів: /audit, /stats, /export (українська).

## /audit N
report-usage-audit = Напишіть номер заявки: /audit 12
report-audit-title = Історія #{ $case }, { $count ->
        [one] { $count } запис
        [few] { $count } записи
        [many] { $count } записів
       *[other] { $count } запису
    } (час UTC · хто · що):
report-audit-empty = У #{ $case } ще немає історії.
report-audit-earlier = … { $count ->
        [one] { $count } давніший запис не показано
        [few] { $count } давніші записи не показано
        [many] { $count } давніших записів не показано
       *[other] { $count } давнішого запису не показано
    }.
report-action-add_volunteer = додано волонтера
report-action-remove_volunteer = вилучено волонтера
report-action-add_supervisor = додано супервізора
report-action-remove_supervisor = вилучено супервізора
report-action-claim = взято в роботу
report-action-release = повернуто в чергу
report-action-done = закрито
report-action-note = додано нотатку
report-action-verify = перевірено
report-action-flag = притримано
report-action-unflag = відпущено
report-action-ban = заблоковано
report-action-unban = розблоковано
report-action-block_phone = телефон позначено як фейк
report-action-block_place = місце позначено як фейк
report-action-block_link = посилання позначено як фейк
report-action-unblock_link = з посилання знято позначку
report-action-export = експорт
report-action-forget = дані стерто
report-action-add_resource = ресурс додано
report-action-check_resource = ресурс перепідтверджено
report-action-resource_status = змінено статус ресурсу
report-action-send_resource = ресурс надіслано
report-action-resource_reported = про ресурс повідомили, що він хибний
report-action-guard_delete = допис видалено автоматично
report-action-guard_hold = допис новачка притримано
report-action-guard_ban = допис заблокованого автора видалено
report-action-post_report = на допис поскаржилися
report-action-bridge_reply = відповідь на прохання про допомогу в чаті
report-action-trust_member = учасника позначено як довіреного
report-action-reopen = заявник відкрив знову
report-action-trained = навчання зараховано
report-action-transfer = передано іншому волонтерові
report-action-refer = запит на передачу партнерові
report-action-refer_consent = відповідь щодо передачі партнерові
report-action-team_add = додано до команди
report-action-team_remove = вилучено з команди

## /stats
report-stats-title = 📊 Усього { $count ->
        [one] { $count } заявка
        [few] { $count } заявки
        [many] { $count } заявок
       *[other] { $count } заявки
    }
report-stats-by-priority = За пріоритетом (чекають / в роботі / закриті):
report-median-claim = Медіанний час до взяття: { $duration } (за { $count ->
        [one] { $count } заявкою
        [few] { $count } заявками
        [many] { $count } заявками
       *[other] { $count } заявки
    })
report-median-close = Медіанний час до закриття: { $duration } (за { $count ->
        [one] { $count } заявкою
        [few] { $count } заявками
        [many] { $count } заявками
       *[other] { $count } заявки
    })
report-no-data = даних ще немає
report-duration-days = { $days } д { $hours } год
report-duration-hours = { $hours } год { $minutes } хв
report-duration-minutes = { $minutes } хв
report-intake-title = Нові заявки за день, останні { $days ->
        [one] { $days } день
        [few] { $days } дні
        [many] { $days } днів
       *[other] { $days } дня
    } (UTC):
report-status-open = чекають
report-status-claimed = в роботі
report-status-closed = закриті
report-chart-intake-title = Нові заявки за день, останні { $days ->
        [one] { $days } день
        [few] { $days } дні
        [many] { $days } днів
       *[other] { $days } дня
    } (UTC)
report-chart-status-title = Заявки за пріоритетом

## /export
report-usage-export = /export: усі заявки без персональних даних. /export full: з текстовими відповідями, місцями, телефонами та id заявників.
report-export-basic = { $count ->
        [one] { $count } заявка
        [few] { $count } заявки
        [many] { $count } заявок
       *[other] { $count } заявки
    }, без персональних даних. Час у UTC.
report-export-full = { $count ->
        [one] { $count } заявка
        [few] { $count } заявки
        [many] { $count } заявок
       *[other] { $count } заявки
    }. З персональними даними (тексти, місця, телефони). Нікому не пересилайте цей файл і видаліть його після роботи. Час у UTC.
