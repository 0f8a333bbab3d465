# Survey texts (English), for dialogues/intake.toml: q-<id>, q-<id>-short, q-<id>-<choice>,
# q-<id>-value (optional, a number with its unit), reason-<rule>.

q-consent = Consent
q-consent-short = Consent

q-safety = Are you safe right now?
q-safety-short = Safety
q-safety-danger = 🚨 In danger right now
q-safety-shelter = Sheltering from shelling
q-safety-safe = Safe for now

q-region = Which region are you in?
q-region-short = Region
q-region-kharkiv = Kharkiv region
q-region-donetsk = Donetsk region
q-region-zaporizhzhia = Zaporizhzhia region
q-region-kherson = Kherson region
q-region-dnipro = Dnipropetrovsk region
q-region-sumy = Sumy region
q-region-mykolaiv = Mykolaiv region
q-region-chernihiv = Chernihiv region
q-region-other = Another region

q-place = Where exactly are you? Write your town or village (the street, if you wish).
q-place-short = Place

q-people = How many people need to leave in total, counting yourself and the children?
q-people-short = People
q-people-value = { $count ->
        [one] { $count } person
       *[other] { $count } people
    }

q-children = Are there children with you?
q-children-short = Children

q-children_count = How many children?
q-children_count-short = Number of children
q-children_count-value = { $count ->
        [one] { $count } child
       *[other] { $count } children
    }

q-children_ages = How old are the children?
q-children_ages-short = Children's ages
q-children_ages-age_0_2 = 0–2 years
q-children_ages-age_3_6 = 3–6 years
q-children_ages-age_7_17 = 7–17 years

q-pets = Are there pets with you?
q-pets-short = Pets

q-pet_kinds = Which animals?
q-pet_kinds-short = Animals
q-pet_kinds-dog = Dog
q-pet_kinds-cat = Cat
q-pet_kinds-other = Other

q-pet_count = How many animals?
q-pet_count-short = Number of animals
q-pet_count-value = { $count ->
        [one] { $count } animal
       *[other] { $count } animals
    }

q-medicine = Does anyone need medicine or medical help?
q-medicine-short = Medicine
q-medicine-none = No
q-medicine-regular = Regular medicine
q-medicine-urgent = 🚑 Urgent medical help

q-medicine_details = Which medicine or help is needed?
q-medicine_details-short = Medicine needed

q-mobility = Does anyone have trouble moving?
q-mobility-short = Mobility
q-mobility-none = No
q-mobility-wheelchair = Wheelchair
q-mobility-bedridden = Bedridden
q-mobility-elderly = Elderly person who needs help

q-needs = What do you need right now?
q-needs-short = Needs
q-needs-none = Nothing
q-needs-food = Food
q-needs-water = Water
q-needs-clothes = Clothes
q-needs-hygiene = Hygiene products

q-documents = Do you have passports or ID documents?
q-documents-short = Documents
q-documents-all = Yes, for everyone
q-documents-some = For some of us
q-documents-none = No

q-destination = Where do you want to go?
q-destination-short = Destination
q-destination-domestic = Safer place in Ukraine
q-destination-abroad = Abroad
q-destination-unknown = I don't know yet

q-contact = How can a volunteer reach you?
q-contact-short = Contact
q-contact-bot_only = Only through this bot
q-contact-phone = By phone too

q-phone = Your phone number:
q-phone-short = Phone

reason-danger_now = in danger right now
reason-urgent_medical = urgent medical need
reason-bedridden = bedridden person
reason-infants = infants (0–2)
reason-alone_elderly = elderly person alone
reason-under_shelling = sheltering from shelling
reason-wheelchair = wheelchair user
reason-safe_no_needs = safe, no special needs
