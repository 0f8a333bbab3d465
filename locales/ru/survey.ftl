# Survey texts (Russian), for dialogues/intake.toml: q-<id>, q-<id>-short, q-<id>-<choice>,
# q-<id>-value (optional, a number with its unit), reason-<rule>.
# A text may choose by an earlier answer, named by its question id: { $for -> *[self] … [other] … }.

q-consent = Согласие
q-consent-short = Согласие

q-for = Кому нужна помощь?
q-for-short = Кому помощь
q-for-self = Мне: пишу за себя
q-for-other = Другому человеку: родственнику или соседу

q-occupied = { $for ->
       *[self] Населённый пункт, где вы сейчас, оккупирован?
        [other] Населённый пункт, где сейчас этот человек, оккупирован?
    }
q-occupied-short = Оккупированная территория
q-occupied-yes = Да, оккупирован
q-occupied-no = Нет, под контролем Украины
q-occupied-unsure = Не знаю точно

q-safety = { $for ->
       *[self] Вы сейчас в безопасности?
        [other] Этот человек сейчас в безопасности?
    }
q-safety-short = Безопасность
q-safety-danger = 🚨 Сейчас в опасности
q-safety-ambulance = 🚑 Кому-то сейчас нужна скорая
q-safety-shelter = В укрытии от обстрелов
q-safety-safe = Пока в безопасности

q-region = { $for ->
       *[self] В какой вы области?
        [other] В какой области этот человек?
    }
q-region-short = Область
q-region-kharkiv = Харьковская область
q-region-donetsk = Донецкая область
q-region-zaporizhzhia = Запорожская область
q-region-kherson = Херсонская область
q-region-dnipro = Днепропетровская область
q-region-sumy = Сумская область
q-region-mykolaiv = Николаевская область
q-region-chernihiv = Черниговская область
q-region-other = Другая область

q-place = { $for ->
       *[self] Где именно вы сейчас? Напишите город или село (улицу — по желанию).
        [other] Где именно сейчас этот человек? Напишите город или село (улицу — по желанию).
    }
q-place-short = Место

q-people = { $for ->
       *[self] Сколько всего человек должны уехать, включая вас и детей?
        [other] Сколько всего человек должны уехать, включая этого человека и детей? Себя не считайте, если вы не едете вместе с ними.
    }
q-people-short = Люди
q-people-value = { $count ->
        [one] { $count } человек
        [few] { $count } человека
        [many] { $count } человек
       *[other] { $count } человека
    }

q-with_you = { $for ->
       *[self] Есть ли с вами дети или домашние животные?
        [other] Есть ли с этим человеком дети или домашние животные?
    }
q-with_you-short = Дети, животные
q-with_you-children = Дети (до 18 лет)
q-with_you-pets = Домашние животные
q-with_you-none = Нет, только взрослые

q-children_count = Сколько детей?
q-children_count-short = Количество детей
q-children_count-value = { $count ->
        [one] { $count } ребёнок
        [few] { $count } ребёнка
        [many] { $count } детей
       *[other] { $count } ребёнка
    }

q-children_ages = Сколько лет детям?
q-children_ages-short = Возраст детей
q-children_ages-age_0_2 = 0–2 года
q-children_ages-age_3_6 = 3–6 лет
q-children_ages-age_7_17 = 7–17 лет

q-pet_kinds = Какие животные?
q-pet_kinds-short = Какие животные
q-pet_kinds-dog = Собака
q-pet_kinds-cat = Кошка
q-pet_kinds-other = Другие

q-pet_count = Сколько животных?
q-pet_count-short = Количество животных
q-pet_count-value = { $count ->
        [one] { $count } животное
        [few] { $count } животных
        [many] { $count } животных
       *[other] { $count } животного
    }

q-vulnerable = Нужна ли кому-то из тех, кто уезжает, особая помощь?
q-vulnerable-short = Особая помощь
q-vulnerable-none = Нет
q-vulnerable-pregnant = Беременная женщина
q-vulnerable-elderly = Человек 60 лет и старше
q-vulnerable-disability = Инвалидность (зрение, слух, когнитивные нарушения)
q-vulnerable-carer = Нужен постоянный уход
q-vulnerable-stairs = Не может ходить по лестнице
q-vulnerable-wheelchair = Кресло-коляска
q-vulnerable-bedridden = Лежачий человек
q-vulnerable-unaccompanied = Дети без родителей или опекунов

q-needs = { $for ->
       *[self] Что вам нужно сейчас?
        [other] Что сейчас нужно этим людям?
    }
q-needs-short = Потребности
q-needs-none = Ничего
q-needs-medicine = Лекарства
q-needs-food = Еда
q-needs-water = Вода
q-needs-clothes = Одежда
q-needs-hygiene = Средства гигиены
q-needs-documents = Помощь с документами

q-medicine = Насколько срочно нужны лекарства?
q-medicine-short = Лекарства
q-medicine-regular = Постоянный приём лекарств, запас ещё есть
q-medicine-urgent = 🚑 Срочно: заканчиваются или нужны уже сейчас

q-medicine_details = Какие лекарства и сколько нужно? Без диагнозов и фамилий — только то, что нужно.
q-medicine_details-short = Нужные лекарства

q-destination = { $for ->
       *[self] Куда вы хотите уехать?
        [other] Куда этот человек хочет уехать?
    }
q-destination-short = Куда ехать
q-destination-domestic = Более безопасное место в Украине
q-destination-abroad = За границу
q-destination-unknown = Пока не знаю

q-contact = Как волонтёр может с вами связаться?
q-contact-short = Связь
q-contact-bot_only = Только писать сюда: звонить опасно
q-contact-phone = Также по телефону: звонить безопасно

q-phone = { $for ->
       *[self] Ваш номер телефона:
        [other] Номер, по которому можно звонить (ваш или этого человека):
    }
q-phone-short = Телефон

q-signal = { $for ->
       *[self] Когда у вас обычно есть связь и свет?
        [other] Когда у этого человека обычно есть связь и свет?
    }
q-signal-short = Когда есть связь
q-signal-mostly = Почти всё время
q-signal-hours = Только в определённые часы
q-signal-rarely = Редко

q-sound = Безопасно ли, чтобы ваш телефон издавал звук? Если нет, бот и волонтёр будут присылать сюда все сообщения без звука.
q-sound-short = Звук безопасен

reason-danger_now = сейчас в опасности
reason-ambulance_now = сейчас нужна скорая
reason-unaccompanied_children = дети без родителей или опекунов
reason-urgent_medical = нужна срочная медицинская помощь
reason-bedridden = лежачий человек
reason-pregnant = беременная женщина
reason-needs_carer = нужен постоянный уход
reason-infants = младенцы (0–2)
reason-alone_elderly = пожилой человек без сопровождения
reason-under_shelling = в укрытии от обстрелов
reason-elderly = человек 60 лет и старше
reason-disability = инвалидность (зрение, слух, когнитивные нарушения)
reason-no_stairs = не может ходить по лестнице
reason-wheelchair = человек в кресле-коляске
reason-safe_no_needs = в безопасности, особых потребностей нет
