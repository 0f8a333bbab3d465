# Survey texts (Ukrainian), for dialogues/intake.toml: q-<id>, q-<id>-short, q-<id>-<choice>,
# q-<id>-value (optional, a number with its unit), reason-<rule>.

q-consent = Згода
q-consent-short = Згода

q-safety = Ви зараз у безпеці?
q-safety-short = Безпека
q-safety-danger = 🚨 Зараз у небезпеці
q-safety-shelter = В укритті від обстрілів
q-safety-safe = Поки що в безпеці

q-region = У якій ви області?
q-region-short = Область
q-region-kharkiv = Харківська область
q-region-donetsk = Донецька область
q-region-zaporizhzhia = Запорізька область
q-region-kherson = Херсонська область
q-region-dnipro = Дніпропетровська область
q-region-sumy = Сумська область
q-region-mykolaiv = Миколаївська область
q-region-chernihiv = Чернігівська область
q-region-other = Інша область

q-place = Де саме ви зараз? Напишіть місто чи село (вулицю — за бажанням).
q-place-short = Місце

q-people = Скільки всього людей має виїхати, включно з вами та дітьми?
q-people-short = Люди
q-people-value = { $count ->
        [one] { $count } людина
        [few] { $count } людини
        [many] { $count } людей
       *[other] { $count } людини
    }

q-children = З вами є діти?
q-children-short = Діти

q-children_count = Скільки дітей?
q-children_count-short = Кількість дітей
q-children_count-value = { $count ->
        [one] { $count } дитина
        [few] { $count } дитини
        [many] { $count } дітей
       *[other] { $count } дитини
    }

q-children_ages = Скільки років дітям?
q-children_ages-short = Вік дітей
q-children_ages-age_0_2 = 0–2 роки
q-children_ages-age_3_6 = 3–6 років
q-children_ages-age_7_17 = 7–17 років

q-pets = З вами є домашні тварини?
q-pets-short = Тварини

q-pet_kinds = Які тварини?
q-pet_kinds-short = Які тварини
q-pet_kinds-dog = Собака
q-pet_kinds-cat = Кіт
q-pet_kinds-other = Інші

q-pet_count = Скільки тварин?
q-pet_count-short = Кількість тварин
q-pet_count-value = { $count ->
        [one] { $count } тварина
        [few] { $count } тварини
        [many] { $count } тварин
       *[other] { $count } тварини
    }

q-medicine = Чи потрібні комусь ліки або медична допомога?
q-medicine-short = Ліки
q-medicine-none = Ні
q-medicine-regular = Постійний прийом ліків
q-medicine-urgent = 🚑 Термінова медична допомога

q-medicine_details = Які саме ліки чи допомога потрібні?
q-medicine_details-short = Потрібні ліки

q-mobility = Чи є хтось, кому важко пересуватися?
q-mobility-short = Пересування
q-mobility-none = Ні
q-mobility-wheelchair = Крісло колісне
q-mobility-bedridden = Лежача людина
q-mobility-elderly = Літня людина, якій потрібна допомога

q-needs = Що вам потрібно зараз?
q-needs-short = Потреби
q-needs-none = Нічого
q-needs-food = Їжа
q-needs-water = Вода
q-needs-clothes = Одяг
q-needs-hygiene = Засоби гігієни

q-documents = У вас є паспорти або інші документи, що посвідчують особу?
q-documents-short = Документи
q-documents-all = Так, у всіх
q-documents-some = Лише в деяких
q-documents-none = Ні

q-destination = Куди ви хочете виїхати?
q-destination-short = Куди їхати
q-destination-domestic = Безпечніше місце в Україні
q-destination-abroad = За кордон
q-destination-unknown = Ще не знаю

q-contact = Як волонтер може з вами зв'язатися?
q-contact-short = Зв'язок
q-contact-bot_only = Лише через цього бота
q-contact-phone = Також телефоном

q-phone = Ваш номер телефону:
q-phone-short = Телефон

reason-danger_now = зараз у небезпеці
reason-urgent_medical = потрібна термінова медична допомога
reason-bedridden = лежача людина
reason-infants = немовлята (0–2)
reason-alone_elderly = літня людина без супроводу
reason-under_shelling = в укритті від обстрілів
reason-wheelchair = людина на кріслі колісному
reason-safe_no_needs = у безпеці, особливих потреб немає
