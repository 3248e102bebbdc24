"""The hand-compiled Russian names for data/ru_names.csv (read by tools/build_lang_names.py),
compiled by the mapper developers from standard Russian usage."""

RU_ABBREV = {  # abbreviations and short forms
    "КНДР": "cc:KP", "РФ": "cc:RU", "США": "cc:US", "СССР": "cc:RU", "Советский Союз": "cc:RU",
    "КНР": "cc:CN", "ФРГ": "cc:DE", "ОАЭ": "cc:AE", "ЮАР": "cc:ZA", "Великобритания": "cc:GB",
    "Британия": "cc:GB", "Англия": "cc:GB", "Америка": "cc:US", "Штаты": "cc:US", "Корея": "cc:KR",
    "Северная Корея": "cc:KP", "Южная Корея": "cc:KR", "Республика Корея": "cc:KR", "Россия": "cc:RU",
    "Белоруссия": "cc:BY", "Киргизия": "cc:KG", "Молдавия": "cc:MD", "Турция": "cc:TR", "Голландия": "cc:NL",
    "Чехия": "cc:CZ", "Приморье": "Primorsky Krai|RU", "Подмосковье": "Moscow|RU",
    "Европа": "rg:europe", "Азия": "rg:asia", "Африка": "rg:africa", "Северная Америка": "rg:north-america",
    "Южная Америка": "rg:south-america", "Океания": "rg:oceania", "Антарктида": "rg:antarctica",
    "Санкт-Петербург": "Saint Petersburg|RU", "Петербург": "Saint Petersburg|RU", "Питер": "Saint Petersburg|RU",
    "Нью-Йорк": "New York City|US", "Вашингтон": "Washington, D.C.|US",
    "Соединённые Штаты": "cc:US", "Белый дом": "lm:white-house", "Кремль": "lm:moscow-kremlin",
    "Капитолий": "lm:united-states-capitol", "Ближний Восток": "rg:middle-east", "Дальний Восток": "rg:russian-far-east",
    "Прибалтика": "rg:baltic-states", "Балтия": "rg:baltic-states", "Сибирь": "rg:siberia", "Урал": "rg:urals",
    "Кавказ": "rg:caucasus", "Северный Кавказ": "rg:north-caucasus", "Крым": "rg:crimea", "Курилы": "rg:kuril-islands",
    "Курильские острова": "rg:kuril-islands", "Южные Курилы": "rg:kuril-islands", "Восточная Азия": "rg:east-asia",
    "Северо-Восточная Азия": "rg:northeast-asia", "Юго-Восточная Азия": "rg:southeast-asia",
    "Балтийское море": "rg:baltic-sea", "Поднебесная": "cc:CN",
}

RU_DEMONYMS = {  # adjectives, in their dictionary (masculine nominative) form: pymorphy3 lemmas
    "российский": "RU", "русский": "RU", "советский": "RU", "северокорейский": "KP", "южнокорейский": "KR",
    "корейский": "KR", "американский": "US", "китайский": "CN", "японский": "JP", "французский": "FR",
    "немецкий": "DE", "германский": "DE", "британский": "GB", "английский": "GB", "турецкий": "TR",
    "украинский": "UA", "белорусский": "BY", "казахстанский": "KZ", "сирийский": "SY", "израильский": "IL",
    "иранский": "IR", "индийский": "IN", "польский": "PL", "итальянский": "IT", "испанский": "ES",
    "канадский": "CA", "австралийский": "AU", "монгольский": "MN", "вьетнамский": "VN", "египетский": "EG",
    "эфиопский": "ET", "грузинский": "GE", "армянский": "AM", "азербайджанский": "AZ", "узбекский": "UZ",
    "финский": "FI", "шведский": "SE", "норвежский": "NO", "чешский": "CZ", "сербский": "RS",
    "греческий": "GR", "бразильский": "BR", "мексиканский": "MX", "кубинский": "CU", "иракский": "IQ",
    "афганский": "AF", "пакистанский": "PK", "нидерландский": "NL", "голландский": "NL", "бельгийский": "BE",
    "швейцарский": "CH", "австрийский": "AT", "венгерский": "HU", "румынский": "RO", "болгарский": "BG",
    "латвийский": "LV", "литовский": "LT", "эстонский": "EE", "молдавский": "MD", "киргизский": "KG",
    "таджикский": "TJ", "туркменский": "TM", "нигерийский": "NG", "кенийский": "KE", "саудовский": "SA",
}
