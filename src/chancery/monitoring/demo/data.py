# ruff: noqa: E501 - data: one record per line reads best
"""The memorandum 2024-2029 as a programme tree: its six priorities (and "En verder") as core
ambitions, their sub-themes as programmes, its 32 technical fiches (annex 8.1) as projects. Section
numbers and the budgets it names are the memorandum's; summaries are ours, in clear language."""

# code, section, title, summary
AMBITIONS = [
    (
        "p1",
        "§1",
        "Een geïntegreerd beleid",
        "De Regering werkt aan een paar grote ambities samen, over alle beleidsdomeinen heen, en meet hoe ver ze staat.",
    ),
    (
        "p2",
        "§2",
        "Goede regels, open beslissingen, heldere communicatie",
        "Minder en betere regels, beslissingen van de Regering die iedereen makkelijk terugvindt, en een herkenbaar Vlaanderen.",
    ),
    (
        "p3",
        "§3",
        "Open strategische autonomie, veiligheid en crisisbeleid",
        "Vlaanderen blijft concurrentieel en weerbaar: sterke handel, controle op gevoelige goederen, Europese middelen en een goed crisisbeleid.",
    ),
    (
        "p4",
        "§4",
        "Thematische en geografische focus",
        "Vlaanderen kiest waar het in het buitenland op inzet: de Oostgrens, Europese partners, de grensregio's, de wereld buiten Europa en Afrika.",
    ),
    (
        "p5",
        "§5",
        "Buitenlandse hefbomen voor binnenlandse prioriteiten",
        "Een sterker en breder diplomatiek netwerk, invloed in de EU en in multilaterale organisaties, en een goede samenwerking binnen België.",
    ),
    (
        "p6",
        "§6",
        "Een waardegedreven buitenlands beleid",
        "Vlaanderen komt op voor mensenrechten, helpt bij humanitaire rampen en houdt zijn klimaatbeloften.",
    ),
    (
        "p7",
        "§7",
        "En verder",
        "Samenwerkingsakkoorden bijwerken, een nieuwe bouwcultuur en snellere vergoedingen na natuurrampen.",
    ),
]
# code, ambition, section, title
PROGRAMMES = [
    ("p1-1", "p1", "§1.1", "Een nieuwe aanpak voor kernambities"),
    ("p1-2", "p1", "§1.2", "Onderbouwd beleid en monitoring"),
    ("p2-1", "p2", "§2.1", "Wetgevingskwaliteit en minder regeldruk"),
    ("p2-2", "p2", "§2.2", "Digitale toegang tot regeringsbeslissingen"),
    ("p2-3", "p2", "§2.3", "Het imago van Vlaanderen"),
    ("p3-1", "p3", "§3.1", "Vlaamse open strategische autonomie"),
    ("p3-2", "p3", "§3.2", "Performante exportcontrole op strategische goederen"),
    ("p3-3", "p3", "§3.3", "Europese financieringskaders benutten"),
    ("p3-4", "p3", "§3.4", "Crisisbeleid en weerbaarheid"),
    ("p4-1", "p4", "§4.1", "Thematische keuzes"),
    ("p4-2", "p4", "§4.2", "Oostgrens-programma"),
    ("p4-3", "p4", "§4.3", "EU-uitbreiding en Westelijke Balkan"),
    ("p4-4", "p4", "§4.4", "Europese partnerschappen"),
    ("p4-5", "p4", "§4.5", "Grensregionale samenwerking"),
    ("p4-6", "p4", "§4.6", "De wereld buiten Europa"),
    ("p4-7", "p4", "§4.7", "Het Afrikaanse continent"),
    ("p5-1", "p5", "§5.1", "Een sterker diplomatiek netwerk"),
    ("p5-2", "p5", "§5.2", "Een breder diplomatiek netwerk"),
    ("p5-3", "p5", "§5.3", "Impactvol multilateralisme"),
    ("p5-4", "p5", "§5.4", "EU-beleid beïnvloeden, EU-reflex in de Vlaamse overheid"),
    ("p5-5", "p5", "§5.5", "Een flexibel internationaal netwerk"),
    ("p5-6", "p5", "§5.6", "Betere intern-Belgische werking"),
    ("p5-7", "p5", "§5.7", "Internationale uitstraling"),
    ("p6-1", "p6", "§6.1", "Mensenrechten"),
    ("p6-2", "p6", "§6.2", "Partnerschappen in Afrika"),
    ("p6-3", "p6", "§6.3", "Humanitaire bijstand"),
    ("p6-4", "p6", "§6.4", "Internationale klimaatfinanciering"),
    ("p7-1", "p7", "§7.1", "Samenwerkingsakkoorden buitenlands beleid"),
    ("p7-2", "p7", "§7.2", "Een nieuwe bouwcultuur"),
    ("p7-3", "p7", "§7.3", "Vergoeding bij natuurrampen"),
]
# fiche number, programme, section, title, yearly planned budget (euro) or 0
PROJECTS = [
    (1, "p1-1", "§1.1", "Een nieuwe aanpak voor kernambities", 0),
    (2, "p1-2", "§1.2.1", "Kwaliteitsvolle en onafhankelijke openbare statistieken", 0),
    (3, "p1-2", "§1.2.2", "Monitoring en benchmarking van de kernambities", 0),
    (4, "p1-2", "§1.2.3", "Toekomstverkenningen en visienota's", 0),
    (5, "p2-1", "§2.1", "Wetgevingskwaliteit en regeldruk", 0),
    (6, "p2-2", "§2.2", "Vereenvoudigde digitale toegang tot regeringsbeslissingen", 0),
    (7, "p2-3", "§2.3", "Imago Vlaanderen", 0),
    (8, "p3-1", "§3.1.1", "Versterkte concurrentiekracht", 0),
    (9, "p3-1", "§3.1.3", "Economische veiligheid", 0),
    (10, "p3-2", "§3.2", "Exportcontrole", 0),
    (11, "p3-3", "§3.3", "Europese financieringskaders (lessen uit RRF)", 0),
    (12, "p3-3", "§3.3", "Aantrekken Europese financiering", 0),
    (13, "p3-4", "§3.4", "Crisisbeleid en -weerbaarheid", 0),
    (14, "p4-2", "§4.2", "Oostgrens-programma", 5_000_000),
    (15, "p4-4", "§4.4", "Europese partnerschappen", 0),
    (16, "p4-5", "§4.5", "Grensregionale samenwerking", 0),
    (17, "p4-6", "§4.6", "De wereld buiten Europa", 0),
    (18, "p4-7", "§4.7", "Afrika-visie", 0),
    (19, "p5-1", "§5.1", "Versterkt diplomatiek netwerk", 7_600_000),
    (20, "p5-2", "§5.2", "Breder diplomatiek netwerk", 0),
    (21, "p5-3", "§5.3", "Impactvol multilateralisme", 0),
    (22, "p5-4", "§5.4", "Proactieve EU-beleidsbeïnvloeding en EU-reflex", 0),
    (23, "p5-5", "§5.5", "Flexibel internationaal netwerk", 0),
    (24, "p5-7", "§5.7", "Internationale uitstraling", 0),
    (25, "p5-7", "§5.7", "Benutten diplomatieke gemeenschap in Brussel", 0),
    (26, "p6-1", "§6.1.2", "Mensenrechtenprijs", 0),
    (27, "p6-1", "§6.1.1", "Mensenrechtenfonds", 1_000_000),
    (28, "p6-2", "§6.2", "De Vlaamse samenwerking in Afrika", 0),
    (29, "p6-3", "§6.3", "Humanitaire bijstand", 5_000_000),
    (30, "p6-4", "§6.4", "Internationale klimaatfinanciering", 0),
    (31, "p7-1", "§7.1", "Actualisatie samenwerkingsakkoorden", 0),
    (32, "p7-3", "§7.3", "Een efficiëntere en effectievere vergoeding bij natuurrampen", 0),
]
# Demo indicators (generated figures, marked as demo data): code, name, unit, direction,
# baseline (year, value), target (year, value), project fiche, yearly step of the demo series
INDICATORS = [
    (
        "oostgrens-partnerschappen",
        "Partnerschappen in de Oostgrens-regio",
        "aantal",
        "up",
        (2024, 4),
        (2029, 40),
        14,
        6,
    ),
    ("mensenrechten-projecten", "Gesteunde mensenrechtenprojecten", "aantal", "up", (2024, 0), (2029, 50), 27, 9),
    (
        "humanitaire-doorlooptijd",
        "Doorlooptijd humanitaire aanvraag tot beslissing",
        "dagen",
        "down",
        (2024, 45),
        (2029, 15),
        29,
        -4,
    ),
    (
        "regeldruk-kosten",
        "Administratieve lasten van nieuwe regelgeving",
        "miljoen euro",
        "down",
        (2024, 120),
        (2029, 90),
        5,
        -3,
    ),
    (
        "beslissingen-online",
        "Regeringsbeslissingen online binnen één werkdag",
        "procent",
        "up",
        (2024, 60),
        (2029, 98),
        6,
        9,
    ),
    (
        "exportcontrole-termijn",
        "Vergunningen strategische goederen binnen de termijn",
        "procent",
        "up",
        (2024, 82),
        (2029, 95),
        10,
        1,
    ),
]

# Reference countries and regions for the demo benchmarks (values generated, marked as demo).
REFERENCES = [
    ("NL", "Nederland"),
    ("DK", "Denemarken"),
    ("FI", "Finland"),
    ("AT", "Oostenrijk"),
    ("DE-BW", "Baden-Württemberg"),
]
BENCHMARKED = ["beslissingen-online", "exportcontrole-termijn"]

# The vision notes and futures studies the memorandum names (§1.2.3, §4.3, §4.7): title, kind, regions,
# months since the last update, months until the next one (negative: overdue).
VISION_NOTES = [
    ("Afrikavisie", "geographic", "Afrika", 30, -2),
    ("Visie op de EU-uitbreiding en de Westelijke Balkan", "geographic", "AL, BA, ME, MK, RS, XK", 8, 16),
    ("Visie op de buurlanden", "geographic", "NL, FR, DE, LU, GB", 20, 4),
    ("Toekomstverkenning Vlaanderen 2050", "futures", "", 14, 10),
    ("Thematische visienota mensenrechten", "thematic", "", 26, -5),
]
