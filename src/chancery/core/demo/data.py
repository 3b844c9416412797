"""Demo data: the organisation the memorandum describes, with invented persons.

Entities and portfolios follow the Flemish Government of 2024–2029 and its Department of
Chancellery and Foreign Affairs (memorandum §5, §8); every person's name is invented.
The thirteen diplomatic posts (memorandum §5.1: "dertien diplomatieke posten die zeventwintig
landen bedienen") are listed by city; their exact list is illustrative demo data.
"""

import datetime

DEMO_PASSWORD = "chancery-demo"  # noqa: S105 - printed by `make run`; refused under production settings

TERM_START = datetime.date(2024, 9, 30)

ENTITIES = [
    # code, kind, name (nl), name (en), parent code, country, city
    (
        "dkbuza",
        "department",
        "Departement Kanselarij en Buitenlandse Zaken",
        "Department of Chancellery and Foreign Affairs",
        None,
        "BE",
        "Brussel",
    ),
    (
        "dkbuza-secretariaat",
        "department",
        "Secretariaat van de Vlaamse Regering",
        "Secretariat of the Flemish Government",
        "dkbuza",
        "BE",
        "Brussel",
    ),
    (
        "dkbuza-strategische-goederen",
        "department",
        "Dienst Controle Strategische Goederen",
        "Strategic Goods Control Service",
        "dkbuza",
        "BE",
        "Brussel",
    ),
    (
        "dkbuza-internationaal",
        "department",
        "Afdeling Internationaal Beleid",
        "International Policy Division",
        "dkbuza",
        "BE",
        "Brussel",
    ),
    (
        "dewi",
        "department",
        "Departement Economie, Wetenschap en Innovatie",
        "Department of Economy, Science and Innovation",
        None,
        "BE",
        "Brussel",
    ),
    (
        "vlaio",
        "agency",
        "Vlaams Agentschap Innoveren en Ondernemen",
        "Flanders Innovation & Entrepreneurship",
        "dewi",
        "BE",
        "Brussel",
    ),
    ("fit", "agency", "Flanders Investment & Trade", "Flanders Investment & Trade", None, "BE", "Brussel"),
    ("toerisme", "agency", "Toerisme Vlaanderen", "Visit Flanders", None, "BE", "Brussel"),
    ("statistiek", "agency", "Statistiek Vlaanderen", "Statistics Flanders", None, "BE", "Brussel"),
]

POSTS = [
    (
        "post-eu",
        "Diplomatieke Vertegenwoordiging bij de Europese Unie",
        "Representation to the European Union",
        "BE",
        "Brussel",
    ),
    (
        "post-den-haag",
        "Diplomatieke Vertegenwoordiging in Nederland",
        "Representation in the Netherlands",
        "NL",
        "Den Haag",
    ),
    ("post-parijs", "Diplomatieke Vertegenwoordiging in Frankrijk", "Representation in France", "FR", "Parijs"),
    (
        "post-londen",
        "Diplomatieke Vertegenwoordiging in het Verenigd Koninkrijk",
        "Representation in the United Kingdom",
        "GB",
        "Londen",
    ),
    ("post-berlijn", "Diplomatieke Vertegenwoordiging in Duitsland", "Representation in Germany", "DE", "Berlijn"),
    ("post-wenen", "Diplomatieke Vertegenwoordiging in Oostenrijk", "Representation in Austria", "AT", "Wenen"),
    ("post-warschau", "Diplomatieke Vertegenwoordiging in Polen", "Representation in Poland", "PL", "Warschau"),
    (
        "post-kopenhagen",
        "Diplomatieke Vertegenwoordiging in de Noordse landen",
        "Representation in the Nordic countries",
        "DK",
        "Kopenhagen",
    ),
    ("post-madrid", "Diplomatieke Vertegenwoordiging in Spanje", "Representation in Spain", "ES", "Madrid"),
    (
        "post-geneve",
        "Diplomatieke Vertegenwoordiging bij de multilaterale organisaties",
        "Representation to the multilateral organisations",
        "CH",
        "Genève",
    ),
    (
        "post-new-york",
        "Diplomatieke Vertegenwoordiging in de Verenigde Staten",
        "Representation in the United States",
        "US",
        "New York",
    ),
    (
        "post-pretoria",
        "Diplomatieke Vertegenwoordiging in Zuidelijk Afrika",
        "Representation in Southern Africa",
        "ZA",
        "Pretoria",
    ),
    ("post-rome", "Diplomatieke Vertegenwoordiging in Italië", "Representation in Italy", "IT", "Rome"),
]

# The Government: invented names, portfolios modelled on the 2024–2029 Flemish Government.
GOVERNMENT = [
    # first, last, title nl, title en, portfolio nl, portfolio en, cabinet code
    (
        "Maarten",
        "Verhaegen",
        "Minister-president van de Vlaamse Regering",
        "Minister-President of the Flemish Government",
        "Economie, Innovatie en Industrie, Buitenlandse Zaken, Digitalisering en Facilitair Management",
        "Economy, Innovation and Industry, Foreign Affairs, Digitalisation and Facility Management",
        "kabinet-mp",
    ),
    (
        "Els",
        "Van den Broucke",
        "Viceminister-president, Vlaams minister",
        "Vice-Minister-President, Flemish minister",
        "Onderwijs, Justitie en Werk",
        "Education, Justice and Work",
        "kabinet-onderwijs",
    ),
    (
        "Tom",
        "Declercq",
        "Viceminister-president, Vlaams minister",
        "Vice-Minister-President, Flemish minister",
        "Mobiliteit, Openbare Werken, Havens en Sport",
        "Mobility, Public Works, Ports and Sport",
        "kabinet-mobiliteit",
    ),
    (
        "Sofie",
        "Maes",
        "Vlaams minister",
        "Flemish minister",
        "Financiën en Begroting, Wonen en Onroerend Erfgoed",
        "Finance and Budget, Housing and Heritage",
        "kabinet-financien",
    ),
    (
        "Pieter",
        "Goossens",
        "Vlaams minister",
        "Flemish minister",
        "Welzijn en Armoedebestrijding, Cultuur en Gelijke Kansen",
        "Welfare and Poverty Reduction, Culture and Equal Opportunities",
        "kabinet-welzijn",
    ),
    (
        "Nadia",
        "El Amrani",
        "Vlaams minister",
        "Flemish minister",
        "Binnenlands Bestuur, Bestuurszaken, Inburgering en Gelijke Kansen",
        "Home Affairs, Governance, Integration and Equal Opportunities",
        "kabinet-binnenland",
    ),
    (
        "Jan",
        "Peeters-Wouters",
        "Vlaams minister",
        "Flemish minister",
        "Omgeving en Landbouw",
        "Environment and Agriculture",
        "kabinet-omgeving",
    ),
    (
        "Katrien",
        "De Wilde",
        "Vlaams minister",
        "Flemish minister",
        "Brussel, Jeugd, Media en Armoedebestrijding",
        "Brussels, Youth, Media and Poverty Reduction",
        "kabinet-brussel",
    ),
    (
        "Bart",
        "Lemmens",
        "Vlaams minister",
        "Flemish minister",
        "Energie en Klimaat, Zorg",
        "Energy and Climate, Care",
        "kabinet-energie",
    ),
]

# Demo accounts (issue #2 names them). Role, entity code, first name, last name, linked person.
USERS = [
    ("admin", "admin", "dkbuza", "Ada", "Beheerder", None),
    ("secretariaat", "secretariat", "dkbuza-secretariaat", "Sanne", "Wouters", None),
    ("minister", "minister", "kabinet-mp", None, None, ("Maarten", "Verhaegen")),
    ("kabinet", "cabinet", "kabinet-mp", "Koen", "Janssens", None),
    ("ambtenaar", "civil_servant", "dkbuza-strategische-goederen", "Anouk", "Claes", None),
    # Her colleague: the second person who takes the licence decisions she proposes (four eyes).
    ("collega", "civil_servant", "dkbuza-strategische-goederen", "Jonas", "Peeters", None),
    ("expert", "expert", None, "Eric", "Vandenberghe", None),
    ("aanvrager", "applicant", None, "Astrid", "Mertens", None),
]

# Demo documents: title, kind, level, release state, concerned cabinet codes, uploader, text.
DOCUMENTS = [
    (
        "Conceptnota Vlaamse visie op economische veiligheid",
        "note",
        "internal_council",
        "planned",
        [],
        "kabinet",
        "De Vlaamse Regering werkt een coherente visie op economische veiligheid uit.\n"
        "Het interfederaal screeningsmechanisme voor directe buitenlandse investeringen en de exportcontrole "
        "worden in die visie gevat.",
    ),
    (
        "Jaarverslag exportcontrole strategische goederen 2025",
        "report",
        "public",
        "released",
        [],
        "ambtenaar",
        "Dit verslag geeft een overzicht van de vergunningen voor de uitvoer, invoer en doorvoer van "
        "strategische goederen.\nMensenrechten zijn een doorslaggevend criterium.",
    ),
    (
        "Advies over de versterking van het diplomatiek netwerk",
        "advice",
        "internal_government",
        "released",
        [],
        "ambtenaar",
        "De posten in Den Haag, Parijs, Kopenhagen en Warschau worden versterkt.\n"
        "Een minimale bezetting per post: een diplomatiek vertegenwoordiger, een adjunct en een lokale medewerker.",
    ),
    (
        "Vertrouwelijke nota over een vergunningsaanvraag",
        "note",
        "confidential",
        "planned",
        ["kabinet-mp"],
        "secretariaat",
        "Vertrouwelijk: beoordeling van een aanvraag tegen de acht criteria van Gemeenschappelijk "
        "Standpunt 2008/944/GBVB.",
    ),
    (
        "Werkdocument secretariaat: planning ministerraden",
        "other",
        "internal_secretariat",
        "planned",
        [],
        "secretariaat",
        "Interne planning van de vergaderingen van de Vlaamse Regering.",
    ),
    (
        "Ontwerp van decreet houdende het Vlaams Rampenfonds",
        "draft_decree",
        "internal_council",
        "confirmed",
        [],
        "kabinet",
        "Ontwerp van decreet.\nArtikel 1. Dit decreet regelt een gemeenschapsaangelegenheid.",
    ),
]
