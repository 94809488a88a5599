"""The fictional but believable content of the demo database (people, ministries, posts)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SeedPerson:
    given: str
    family: str
    original: str = ""
    pronunciation: str = ""
    honorific: str = ""
    gender: str = ""
    languages: str = ""


@dataclass(frozen=True)
class SeedCountry:
    code: str
    capital: str
    resident: bool
    circle: int
    national_day: tuple[int, int]
    ministries: tuple[tuple[str, str, tuple[str, ...]], ...]  # name, abbreviation, directorates
    people: tuple[SeedPerson, ...]
    places: tuple[str, ...]


# The posts given in order to each country's people, with where each sits: the foreign
# ministry ("mfa"), another ministry ("economy", "culture"), or the foreign ministry's n-th
# unit (0: bilateral directorate, 1: protocol, 2: the desk). The first two posts are held in
# turn by two people, so every country has a post history with a predecessor.
POSTS: tuple[tuple[str, str | int], ...] = (
    ("Minister of Foreign Affairs", "mfa"),
    ("Minister of Foreign Affairs", "mfa"),
    ("Secretary-General", "mfa"),
    ("Director for Bilateral Relations", 0),
    ("Chief of Protocol", 1),
    ("Minister of Economy and Trade", "economy"),
    ("Head of Unit, Neighbouring Countries", 2),
    ("Director-General for Culture", "culture"),
)

COUNTRIES = (
    SeedCountry(
        "AT",
        "Vienna",
        True,
        1,
        (10, 26),
        (
            (
                "Federal Ministry for European and International Affairs",
                "BMEIA",
                (
                    "Directorate-General for Bilateral Affairs",
                    "Protocol Department",
                    "Unit for South-Eastern Europe",
                ),
            ),
            ("Federal Ministry of Economy and Trade", "BMWH", ()),
            ("Federal Ministry of Arts and Culture", "BMKK", ()),
        ),
        (
            SeedPerson(
                "Theresia",
                "Schönbäck-Größl",
                pronunciation="TEH-reh-zee-ah SHURN-beck",
                honorific="Dr",
                gender="female",
                languages="de, en, fr",
            ),
            SeedPerson(
                "Jürgen",
                "Grünwald-Österle",
                pronunciation="YUR-gen GROON-valt",
                honorific="Mag.",
                gender="male",
                languages="de, en",
            ),
            SeedPerson("Zoë", "Überbacher", honorific="Dr", gender="female", languages="de, it"),
            SeedPerson("Lukas", "Hofstätter", gender="male", languages="de, en, hu"),
            SeedPerson("Benedikt", "Raßmann", gender="male", languages="de, en"),
            SeedPerson("Françoise", "Lehár", gender="female", languages="de, fr"),
            SeedPerson("Matthäus", "Kövesi", gender="male", languages="de, hu"),
            SeedPerson("Anneliese", "Würthner", gender="female", languages="de"),
        ),
        ("Minoritenplatz 8, Vienna", "Hofburg, Vienna", "Palais Niederösterreich, Vienna"),
    ),
    SeedCountry(
        "GR",
        "Athens",
        False,
        1,
        (3, 25),
        (
            (
                "Ministry of Foreign Affairs of the Hellenic Republic",
                "YPEX",
                ("Directorate for Central Europe", "Diplomatic Protocol", "Unit B1"),
            ),
            ("Ministry of Development", "", ()),
            ("Ministry of Culture", "", ()),
        ),
        (
            SeedPerson(
                "Eleni",
                "Papadopoulou",
                "Ελένη Παπαδοπούλου",
                "eh-LEH-nee pa-pa-DOH-poo-loo",
                gender="female",
                languages="el, en, fr",
            ),
            SeedPerson(
                "Georgios",
                "Konstantinou",
                "Γεώργιος Κωνσταντίνου",
                "yeh-OR-yee-os kon-stan-DEE-noo",
                gender="male",
                languages="el, en",
            ),
            SeedPerson(
                "Dimitris", "Alexiou", "Δημήτρης Αλεξίου", gender="male", languages="el, de"
            ),
            SeedPerson("Maria", "Nikolaou", "Μαρία Νικολάου", gender="female", languages="el, en"),
            SeedPerson(
                "Stavros", "Theodorakis", "Σταύρος Θεοδωράκης", gender="male", languages="el, en"
            ),
            SeedPerson("Katerina", "Vlachou", "Κατερίνα Βλάχου", gender="female", languages="el"),
            SeedPerson("Nikos", "Ioannidis", "Νίκος Ιωαννίδης", gender="male", languages="el, it"),
            SeedPerson("Sofia", "Zervou", "Σοφία Ζέρβου", gender="female", languages="el, en"),
        ),
        ("Vasilissis Sofias 1, Athens", "Maximos Mansion, Athens", "Thessaloniki"),
    ),
    SeedCountry(
        "BG",
        "Sofia",
        False,
        2,
        (3, 3),
        (
            (
                "Ministry of Foreign Affairs of the Republic of Bulgaria",
                "MVnR",
                ("Directorate for Europe", "State Protocol", "Bilateral Unit"),
            ),
            ("Ministry of Economy and Industry", "", ()),
            ("Ministry of Culture", "", ()),
        ),
        (
            SeedPerson(
                "Ivan",
                "Petrov",
                "Иван Петров",
                "ee-VAHN PEH-trov",
                gender="male",
                languages="bg, en, ru",
            ),
            SeedPerson(
                "Mariya",
                "Georgieva",
                "Мария Георгиева",
                "ma-REE-ya geh-OR-gee-eh-va",
                gender="female",
                languages="bg, en, de",
            ),
            SeedPerson("Stoyan", "Dimitrov", "Стоян Димитров", gender="male", languages="bg, fr"),
            SeedPerson("Elena", "Todorova", "Елена Тодорова", gender="female", languages="bg, en"),
            SeedPerson("Kaloyan", "Yordanov", "Калоян Йорданов", gender="male", languages="bg"),
            SeedPerson(
                "Desislava", "Hristova", "Десислава Христова", gender="female", languages="bg, en"
            ),
            SeedPerson("Boris", "Angelov", "Борис Ангелов", gender="male", languages="bg, ru"),
            SeedPerson(
                "Tsvetelina", "Koleva", "Цветелина Колева", gender="female", languages="bg, it"
            ),
        ),
        ("Alexander Zhendov 2, Sofia", "Council of Ministers, Sofia", "Plovdiv"),
    ),
    SeedCountry(
        "JO",
        "Amman",
        False,
        2,
        (5, 25),
        (
            (
                "Ministry of Foreign Affairs and Expatriates",
                "MoFAE",
                ("Department of European Affairs", "Royal Protocol Liaison", "Europe Section"),
            ),
            ("Ministry of Industry, Trade and Supply", "MITS", ()),
            ("Ministry of Culture", "", ()),
        ),
        (
            SeedPerson(
                "Layla",
                "Al-Hassan",
                "ليلى الحسن",
                "LAY-la al-HA-san",
                gender="female",
                languages="ar, en, fr",
            ),
            SeedPerson(
                "Omar",
                "Al-Khatib",
                "عمر الخطيب",
                "OH-mar al-kha-TEEB",
                gender="male",
                languages="ar, en",
            ),
            SeedPerson("Sami", "Al-Nabulsi", "سامي النابلسي", gender="male", languages="ar, en"),
            SeedPerson("Rana", "Al-Abbadi", "رنا العبادي", gender="female", languages="ar, en, de"),
            SeedPerson("Khaled", "Haddad", "خالد حداد", gender="male", languages="ar, en"),
            SeedPerson("Dina", "Masri", "دينا المصري", gender="female", languages="ar, fr"),
            SeedPerson("Yousef", "Qasem", "يوسف قاسم", gender="male", languages="ar"),
            SeedPerson("Hala", "Saleh", "هالة صالح", gender="female", languages="ar, en"),
        ),
        ("Al-Urdon Street, Amman", "Royal Hashemite Court, Amman", "Aqaba"),
    ),
)

# Residents of the host capital who are not officials of an accredited country: colleagues
# from other missions (Chinese names), for the diplomatic corps in Vienna.
MISSION_COLLEAGUES = (
    (
        "CN",
        "Embassy of the People's Republic of China in Vienna",
        SeedPerson("Lixin", "Wang", "王立新", "wahng lee-SHIN", "H.E.", "male", "zh, en, de"),
        "Ambassador Extraordinary and Plenipotentiary",
    ),
    (
        "CN",
        "Embassy of the People's Republic of China in Vienna",
        SeedPerson("Meiling", "Chen", "陈美玲", "chun may-LING", "", "female", "zh, en"),
        "Counsellor",
    ),
)

# The demo's own (fictional) small state, in whose name the embassy in Vienna works.
DEMO_STATE = "the Republic of Veloria"

TAGS = (
    "political",
    "economic",
    "trade",
    "consular",
    "defence",
    "culture",
    "visits",
    "energy",
    "migration",
    "education",
)

SECTORS = ("political", "trade", "culture", "defence", "energy", "consular", "education")

AGENDA_LINES = (
    "Review of bilateral relations and the calendar of visits",
    "Preparation of the joint economic commission",
    "Cultural cooperation programme 2027-2029",
    "Consular cooperation and readmission",
    "Energy interconnector and regional security",
    "Candidature support in international organisations",
    "Scholarships and university partnerships",
)

OUTCOMES = (
    "Agreed to schedule the next round of consultations in the spring.",
    "Host side will send a draft memorandum of understanding within a month.",
    "Noted our concerns; no commitment given. Follow-up call proposed.",
    "Warm exchange; interest in a visit at ministerial level confirmed.",
    "Agreed on the text of a joint statement, to be released after the visit.",
)
