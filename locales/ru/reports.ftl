# Тексты отчётов для супервайзеров: /audit, /stats, /export (русский).

## /audit N
report-usage-audit = Напишите номер заявки: /audit 12
report-audit-title = История #{ $case }, { $count ->
        [one] { $count } запись
        [few] { $count } записи
        [many] { $count } записей
       *[other] { $count } записи
    } (время UTC · кто · что):
report-audit-empty = У #{ $case } ещё нет истории.
report-audit-earlier = … { $count ->
        [one] { $count } более ранняя запись не показана
        [few] { $count } более ранние записи не показаны
        [many] { $count } более ранних записей не показано
       *[other] { $count } более ранней записи не показано
    }.
report-action-add_volunteer = добавлен волонтёр
report-action-remove_volunteer = удалён волонтёр
report-action-add_supervisor = добавлен супервайзер
report-action-remove_supervisor = удалён супервайзер
report-action-claim = взята в работу
report-action-release = возвращена в очередь
report-action-done = закрыта
report-action-note = добавлена заметка
report-action-verify = проверена
report-action-flag = придержана
report-action-unflag = отпущена
report-action-ban = заблокирован
report-action-unban = разблокирован
report-action-block_phone = телефон отмечен как фейк
report-action-block_place = место отмечено как фейк
report-action-block_link = ссылка отмечена как фейк
report-action-unblock_link = со ссылки снята отметка
report-action-export = экспорт
report-action-forget = данные стёрты
report-action-add_resource = ресурс добавлен
report-action-check_resource = ресурс перепроверен
report-action-resource_status = изменён статус ресурса
report-action-send_resource = ресурс отправлен
report-action-resource_reported = о ресурсе сообщили, что он неверный
report-action-guard_delete = сообщение удалено автоматически
report-action-guard_hold = сообщение новичка придержано
report-action-guard_ban = сообщение заблокированного автора удалено
report-action-post_report = на сообщение пожаловались
report-action-bridge_reply = ответ на просьбу о помощи в чате
report-action-trust_member = участник отмечен как доверенный
report-action-reopen = заявитель открыл снова
report-action-trained = обучение засчитано
report-action-transfer = передана другому волонтёру
report-action-refer = запрос на передачу партнёру
report-action-refer_consent = ответ о передаче партнёру
report-action-team_add = добавлен в команду
report-action-team_remove = удалён из команды

## /stats
report-stats-title = 📊 Всего { $count ->
        [one] { $count } заявка
        [few] { $count } заявки
        [many] { $count } заявок
       *[other] { $count } заявки
    }
report-stats-by-priority = По приоритету (ждут / в работе / закрыты):
report-median-claim = Медианное время до взятия: { $duration } (по { $count ->
        [one] { $count } заявке
        [few] { $count } заявкам
        [many] { $count } заявкам
       *[other] { $count } заявки
    })
report-median-close = Медианное время до закрытия: { $duration } (по { $count ->
        [one] { $count } заявке
        [few] { $count } заявкам
        [many] { $count } заявкам
       *[other] { $count } заявки
    })
report-no-data = данных пока нет
report-duration-days = { $days } д { $hours } ч
report-duration-hours = { $hours } ч { $minutes } мин
report-duration-minutes = { $minutes } мин
report-intake-title = Новые заявки по дням, последние { $days ->
        [one] { $days } день
        [few] { $days } дня
        [many] { $days } дней
       *[other] { $days } дня
    } (UTC):
report-status-open = ждут
report-status-claimed = в работе
report-status-closed = закрыты
report-chart-intake-title = Новые заявки по дням, последние { $days ->
        [one] { $days } день
        [few] { $days } дня
        [many] { $days } дней
       *[other] { $days } дня
    } (UTC)
report-chart-status-title = Заявки по приоритету

## /export
report-usage-export = /export: все заявки без персональных данных. /export full: с текстовыми ответами, местами, телефонами и id заявителей.
report-export-basic = { $count ->
        [one] { $count } заявка
        [few] { $count } заявки
        [many] { $count } заявок
       *[other] { $count } заявки
    }, без персональных данных. Время в UTC.
report-export-full = { $count ->
        [one] { $count } заявка
        [few] { $count } заявки
        [many] { $count } заявок
       *[other] { $count } заявки
    }. С персональными данными (тексты, места, телефоны). Никому не пересылайте этот файл и удалите его после работы. Время в UTC.
