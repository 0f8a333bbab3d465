# Survey texts (Ukrainian), for dialogues/intake.toml: q-<id>, q-<id>-short, q-<id>-<choice>,
# q-<id>-value (optional, a number with its unit), reason-<rule>.
# A text may choose by an earlier answer, named by its question id: { $for -> *[self] … [other] … }.

q-consent = Згода
q-consent-short = Згода

q-for = Кому потрібна допомога?
q-for-short = Кому допомога
q-for-self = Мені: пишу за себе
q-for-other = Іншій людині: родичу чи сусіду

q-occupied = { $for ->
       *[self] Населений пункт, де ви зараз, окупований?
        [other] Населений пункт, де зараз ця людина, окупований?
    }
q-occupied-short = Окупована територія
q-occupied-yes = Так, окупований
q-occupied-no = Ні, під контролем України
q-occupied-unsure = Не знаю напевно

q-safety = { $for ->
       *[self] Ви зараз у безпеці?
        [other] Ця людина зараз у безпеці?
    }
q-safety-short = Безпека
q-safety-danger = 🚨 Зараз у небезпеці
q-safety-ambulance = 🚑 Комусь зараз потрібна швидка
q-safety-shelter = В укритті від обстрілів
q-safety-safe = Поки що в безпеці

q-region = { $for ->
       *[self] У якій ви області?
        [other] У якій області ця людина?
    }
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

q-place = { $for ->
       *[self] Де саме ви зараз? Напишіть місто чи село (вулицю — за бажанням).
        [other] Де саме зараз ця людина? Напишіть місто чи село (вулицю — за бажанням).
    }
q-place-short = Місце

q-people = { $for ->
       *[self] Скільки всього людей має виїхати, включно з вами та дітьми?
        [other] Скільки всього людей має виїхати, включно з цією людиною та дітьми? Себе не рахуйте, якщо ви не їдете разом з ними.
    }
q-people-short = Люди
q-people-value = { $count ->
        [one] { $count } людина
        [few] { $count } людини
        [many] { $count } людей
       *[other] { $count } людини
    }

q-with_you = { $for ->
       *[self] Чи є з вами діти або домашні тварини?
        [other] Чи є з цією людиною діти або домашні тварини?
    }
q-with_you-short = Діти, тварини
q-with_you-children = Діти (до 18 років)
q-with_you-pets = Домашні тварини
q-with_you-none = Ні, лише дорослі

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

q-vulnerable = Чи потрібна комусь із тих, хто виїжджає, особлива допомога?
q-vulnerable-short = Особлива допомога
q-vulnerable-none = Ні
q-vulnerable-pregnant = Вагітна жінка
q-vulnerable-elderly = Людина віком 60+
q-vulnerable-disability = Інвалідність (зір, слух, когнітивні порушення)
q-vulnerable-carer = Потрібен постійний догляд
q-vulnerable-stairs = Не може ходити сходами
q-vulnerable-wheelchair = Крісло колісне
q-vulnerable-bedridden = Лежача людина
q-vulnerable-unaccompanied = Діти без батьків чи опікунів

q-needs = { $for ->
       *[self] Що вам потрібно зараз?
        [other] Що зараз потрібно цим людям?
    }
q-needs-short = Потреби
q-needs-none = Нічого
q-needs-medicine = Ліки
q-needs-food = Їжа
q-needs-water = Вода
q-needs-clothes = Одяг
q-needs-hygiene = Засоби гігієни
q-needs-documents = Допомога з документами

q-medicine = Наскільки терміново потрібні ліки?
q-medicine-short = Ліки
q-medicine-regular = Постійний прийом ліків, запас ще є
q-medicine-urgent = 🚑 Терміново: закінчуються або потрібні вже зараз

q-medicine_details = Які ліки і скільки потрібно? Без діагнозів і прізвищ — лише те, що потрібно.
q-medicine_details-short = Потрібні ліки

q-destination = { $for ->
       *[self] Куди ви хочете виїхати?
        [other] Куди ця людина хоче виїхати?
    }
q-destination-short = Куди їхати
q-destination-domestic = Безпечніше місце в Україні
q-destination-abroad = За кордон
q-destination-unknown = Ще не знаю

q-contact = Як волонтер може з вами зв'язатися?
q-contact-short = Зв'язок
q-contact-bot_only = Лише писати сюди: дзвонити небезпечно
q-contact-phone = Також телефоном: дзвонити безпечно

q-phone = { $for ->
       *[self] Ваш номер телефону:
        [other] Номер, за яким можна дзвонити (ваш або цієї людини):
    }
q-phone-short = Телефон

q-signal = { $for ->
       *[self] Коли у вас зазвичай є зв'язок і світло?
        [other] Коли в цієї людини зазвичай є зв'язок і світло?
    }
q-signal-short = Коли є зв'язок
q-signal-mostly = Майже весь час
q-signal-hours = Лише в певні години
q-signal-rarely = Рідко

q-sound = Чи безпечно, щоб ваш телефон подавав звук? Якщо ні, бот і волонтер надсилатимуть сюди всі повідомлення без звуку.
q-sound-short = Звук безпечний

reason-danger_now = зараз у небезпеці
reason-ambulance_now = зараз потрібна швидка
reason-unaccompanied_children = діти без батьків чи опікунів
reason-urgent_medical = потрібна термінова медична допомога
reason-bedridden = лежача людина
reason-pregnant = вагітна жінка
reason-needs_carer = потрібен постійний догляд
reason-infants = немовлята (0–2)
reason-alone_elderly = літня людина без супроводу
reason-under_shelling = в укритті від обстрілів
reason-elderly = людина віком 60+
reason-disability = інвалідність (зір, слух, когнітивні порушення)
reason-no_stairs = не може ходити сходами
reason-wheelchair = людина на кріслі колісному
reason-safe_no_needs = у безпеці, особливих потреб немає
