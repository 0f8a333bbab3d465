# Survey texts (Russian), for dialogues/intake.toml: q-<id>, q-<id>-short, q-<id>-<choice>,
# q-<id>-value (optional, a number with its unit), reason-<rule>.

q-consent = Согласие
q-consent-short = Согласие

q-safety = Вы сейчас в безопасности?
q-safety-short = Безопасность
q-safety-danger = 🚨 Сейчас в опасности
q-safety-shelter = В укрытии от обстрелов
q-safety-safe = Пока в безопасности

q-region = В какой вы области?
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

q-place = Где именно вы сейчас? Напишите город или село (улицу — по желанию).
q-place-short = Место

q-people = Сколько всего человек должны уехать, включая вас и детей?
q-people-short = Люди
q-people-value = { $count ->
        [one] { $count } человек
        [few] { $count } человека
        [many] { $count } человек
       *[other] { $count } человека
    }

q-children = С вами есть дети?
q-children-short = Дети

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

q-pets = С вами есть домашние животные?
q-pets-short = Животные

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

q-medicine = Нужны ли кому-то лекарства или медицинская помощь?
q-medicine-short = Лекарства
q-medicine-none = Нет
q-medicine-regular = Постоянный приём лекарств
q-medicine-urgent = 🚑 Срочная медицинская помощь

q-medicine_details = Какие именно лекарства или какая помощь нужны?
q-medicine_details-short = Нужные лекарства

q-mobility = Есть ли кто-то, кому трудно передвигаться?
q-mobility-short = Передвижение
q-mobility-none = Нет
q-mobility-wheelchair = Инвалидная коляска
q-mobility-bedridden = Лежачий человек
q-mobility-elderly = Пожилой человек, которому нужна помощь

q-needs = Что вам нужно сейчас?
q-needs-short = Потребности
q-needs-none = Ничего
q-needs-food = Еда
q-needs-water = Вода
q-needs-clothes = Одежда
q-needs-hygiene = Средства гигиены

q-documents = У вас есть паспорта или другие документы, удостоверяющие личность?
q-documents-short = Документы
q-documents-all = Да, у всех
q-documents-some = Только у некоторых
q-documents-none = Нет

q-destination = Куда вы хотите уехать?
q-destination-short = Куда ехать
q-destination-domestic = Более безопасное место в Украине
q-destination-abroad = За границу
q-destination-unknown = Пока не знаю

q-contact = Как волонтёр может с вами связаться?
q-contact-short = Связь
q-contact-bot_only = Только через этого бота
q-contact-phone = Также по телефону

q-phone = Ваш номер телефона:
q-phone-short = Телефон

reason-danger_now = сейчас в опасности
reason-urgent_medical = нужна срочная медицинская помощь
reason-bedridden = лежачий человек
reason-infants = младенцы (0–2)
reason-alone_elderly = пожилой человек без сопровождения
reason-under_shelling = в укрытии от обстрелов
reason-wheelchair = человек на инвалидной коляске
reason-safe_no_needs = в безопасности, особых потребностей нет
