# Survey texts (English), for dialogues/intake.toml: q-<id>, q-<id>-short, q-<id>-<choice>,
# q-<id>-value (optional, a number with its unit), reason-<rule>.
# A text may choose by an earlier answer, named by its question id: { $for -> *[self] … [other] … }.

q-consent = Consent
q-consent-short = Consent

q-for = Who needs help?
q-for-short = Who needs help
q-for-self = Me: I am writing for myself
q-for-other = Someone else: a relative or neighbour

q-occupied = { $for ->
       *[self] Is the place where you are now under occupation?
        [other] Is the place where the person is now under occupation?
    }
q-occupied-short = Occupied territory
q-occupied-yes = Yes, it is occupied
q-occupied-no = No, Ukraine controls it
q-occupied-unsure = Not sure

q-safety = { $for ->
       *[self] Are you safe right now?
        [other] Is the person safe right now?
    }
q-safety-short = Safety
q-safety-danger = 🚨 In danger right now
q-safety-ambulance = 🚑 Someone needs an ambulance now
q-safety-shelter = Sheltering from shelling
q-safety-safe = Safe for now

q-region = { $for ->
       *[self] Which region are you in?
        [other] Which region is the person in?
    }
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

q-place = { $for ->
       *[self] Where exactly are you? Write your town or village (the street, if you wish).
        [other] Where exactly is the person? Write the town or village (the street, if you wish).
    }
q-place-short = Place

q-people = { $for ->
       *[self] How many people need to leave in total, counting yourself and the children?
        [other] How many people need to leave in total, counting the person and the children? Do not count yourself unless you are leaving with them.
    }
q-people-short = People
q-people-value = { $count ->
        [one] { $count } person
       *[other] { $count } people
    }

q-with_you = { $for ->
       *[self] Are there children or pets with you?
        [other] Are there children or pets with the person?
    }
q-with_you-short = Children, pets
q-with_you-children = Children (under 18)
q-with_you-pets = Pets
q-with_you-none = No, only adults

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

q-vulnerable = Does anyone who is leaving need special help?
q-vulnerable-short = Special help
q-vulnerable-none = No one
q-vulnerable-pregnant = Pregnant woman
q-vulnerable-elderly = Someone aged 60 or over
q-vulnerable-disability = Disability (sight, hearing, cognitive)
q-vulnerable-carer = Needs a carer
q-vulnerable-stairs = Cannot manage stairs
q-vulnerable-wheelchair = Wheelchair
q-vulnerable-bedridden = Bedridden
q-vulnerable-unaccompanied = Children without a parent or guardian

q-needs = { $for ->
       *[self] What do you need right now?
        [other] What do they need right now?
    }
q-needs-short = Needs
q-needs-none = Nothing
q-needs-medicine = Medicine
q-needs-food = Food
q-needs-water = Water
q-needs-clothes = Clothes
q-needs-hygiene = Hygiene products
q-needs-documents = Help with documents

q-medicine = How urgently is the medicine needed?
q-medicine-short = Medicine
q-medicine-regular = Regular medicine, some is left
q-medicine-urgent = 🚑 Urgent: running out or needed now

q-medicine_details = Which medicine, and how much? No diagnoses or surnames, just what is needed.
q-medicine_details-short = Medicine needed

q-destination = { $for ->
       *[self] Where do you want to go?
        [other] Where does the person want to go?
    }
q-destination-short = Destination
q-destination-domestic = Safer place in Ukraine
q-destination-abroad = Abroad
q-destination-unknown = I don't know yet

q-contact = How can a volunteer reach you?
q-contact-short = Contact
q-contact-bot_only = Only by writing here: calls are not safe
q-contact-phone = By phone too: calls are safe

q-phone = { $for ->
       *[self] Your phone number:
        [other] The number to call (yours or the person's):
    }
q-phone-short = Phone

q-signal = { $for ->
       *[self] When do you usually have mobile signal and power?
        [other] When does the person usually have mobile signal and power?
    }
q-signal-short = When there is signal
q-signal-mostly = Most of the time
q-signal-hours = Only at certain hours
q-signal-rarely = Rarely

q-sound = Can your phone make a sound safely? If not, the bot and the volunteer will send every message here without a sound.
q-sound-short = Sound is safe

reason-danger_now = in danger right now
reason-ambulance_now = needs an ambulance now
reason-unaccompanied_children = children without a parent or guardian
reason-urgent_medical = urgent medical need
reason-bedridden = bedridden person
reason-pregnant = pregnant woman
reason-needs_carer = needs a carer
reason-infants = infants (0–2)
reason-alone_elderly = elderly person alone
reason-under_shelling = sheltering from shelling
reason-elderly = someone aged 60+
reason-disability = disability (sight, hearing, cognitive)
reason-no_stairs = cannot manage stairs
reason-wheelchair = wheelchair user
reason-safe_no_needs = safe, no special needs
