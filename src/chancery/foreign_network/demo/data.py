"""Demo data of the foreign network.

The memorandum (§5.1) counts thirteen diplomatic posts serving twenty-seven countries and names the
posts in The Hague, Paris, Copenhagen, Warsaw and Vienna, and the UN organisations followed (UNESCO,
FAO, WHO, ILO) as well as the OECD and the Council of Europe; its §8.3 gives 23 diplomats in 13 posts
and 7.6 million euro for the network in 2022. It does not list the posts one by one (its map is a
picture), so the list below (the same cities as the core demo's post entities, which it links to) is
completed from the posts' and the department's public pages, cited per post (`source`). Where no
page was found the entry says "te verifiëren". The countries add up to the memorandum's 27. The
people are invented (demo), the split of the 2022 cost over the posts too (the total is the
memorandum's).
"""

# code, city, country of the post, countries covered, organisations followed, source
POSTS = [
    (
        "eu",
        "Brussel",
        "BE",
        [],
        ["Europese Unie"],
        "Permanente Vertegenwoordiging van België bij de EU "
        "(knack.be, 2020: twaalf posten in het buitenland en één bij de EU)",
    ),
    (
        "berlijn",
        "Berlijn",
        "DE",
        ["DE"],
        [],
        "deredactie.be (posten in Berlijn, Den Haag, Londen, Parijs, Warschau, Wenen, Genève, Pretoria)",
    ),
    ("den-haag", "Den Haag", "NL", ["NL"], [], "memorandum §5.1 (versterking van de post in Den Haag)"),
    (
        "geneve",
        "Genève",
        "CH",
        [],
        ["WGO", "ILO", "WTO", "VN-Mensenrechtenraad"],
        "deredactie.be; flandersnews.be 2007 (vertegenwoordiging bij ILO, WGO en WTO)",
    ),
    (
        "kopenhagen",
        "Kopenhagen",
        "DK",
        ["DK", "SE", "NO", "FI"],
        [],
        "fdfa.be, 29 mei 2020 (ambtsgebied Denemarken, Zweden, Noorwegen, Finland)",
    ),
    ("londen", "Londen", "GB", ["GB"], ["IMO"], "deredactie.be (te verifiëren: ambtsgebied)"),
    ("madrid", "Madrid", "ES", ["ES"], [], "flandersnews.be, 22 augustus 2007 (opening van de post in Madrid)"),
    (
        "parijs",
        "Parijs",
        "FR",
        ["FR"],
        ["UNESCO", "OESO", "Raad van Europa"],
        "belganewsagency.eu (multilaterale instellingen in Parijs en Straatsburg)",
    ),
    (
        "pretoria",
        "Pretoria",
        "ZA",
        ["ZA", "BW", "LS", "MW", "MZ", "NA", "SZ"],
        [],
        "fdfa.be/nl/zuid-afrika (zeven landen van het ambtsgebied)",
    ),
    ("rome", "Rome", "IT", ["IT"], ["FAO", "WFP", "IFAD"], "belganewsagency.eu (Italië en FAO, WFP, IFAD)"),
    (
        "warschau",
        "Warschau",
        "PL",
        ["PL", "EE", "LV", "LT"],
        [],
        "flandersinpoland.be (Polen en de drie Baltische staten)",
    ),
    ("new-york", "New York", "US", ["US"], ["Verenigde Naties"], "deredactie.be (New York); ambtsgebied te verifiëren"),
    (
        "wenen",
        "Wenen",
        "AT",
        ["AT", "CZ", "HU", "SK", "SI"],
        ["OVSE", "IAEA"],
        "flanders.hu (ambtsgebied: vijf landen in Centraal-Europa)",
    ),
]

# Where each post's city lies, for the network's map (WGS 84, the city centre as GeoNames gives it,
# rounded to 0.01 degree).
LOCATIONS = {
    "eu": ("50.85", "4.35"), "berlijn": ("52.52", "13.41"), "den-haag": ("52.08", "4.30"),
    "geneve": ("46.20", "6.14"), "kopenhagen": ("55.68", "12.57"), "londen": ("51.51", "-0.13"),
    "madrid": ("40.42", "-3.70"), "parijs": ("48.85", "2.35"), "pretoria": ("-25.74", "28.19"),
    "rome": ("41.89", "12.48"), "warschau": ("52.23", "21.01"), "new-york": ("40.71", "-74.01"),
    "wenen": ("48.21", "16.37"),
}  # fmt: skip

# Demo staffing: every post has a representative and a local employee; the posts the memorandum
# wants strengthened (The Hague, Paris, Copenhagen, Warsaw) lack a deputy in two cases, so the
# dashboard shows the flag.
WITHOUT_DEPUTY = {"kopenhagen", "warschau"}

# The 2022 cost of the network, 7 600 000 euro (memorandum §8.3), split over the posts (demo), in cents.
COSTS_2022 = {
    "eu": 70_000_000, "berlijn": 58_000_000, "den-haag": 56_000_000, "geneve": 62_000_000, "kopenhagen": 48_000_000,
    "londen": 64_000_000, "madrid": 50_000_000, "parijs": 72_000_000, "pretoria": 66_000_000, "rome": 52_000_000,
    "warschau": 50_000_000, "new-york": 68_000_000, "wenen": 44_000_000,
}  # fmt: skip

# Offices of the related networks beside a post (examples; FIT has 68 offices, VisitFlanders 8 abroad).
RELATED_OFFICES = [
    ("fit", "Johannesburg", "ZA", "pretoria"),
    ("fit", "Warschau", "PL", "warschau"),
    ("fit", "Poznań", "PL", "warschau"),
    ("fit", "Wenen", "AT", "wenen"),
    ("tourism", "Londen", "GB", "londen"),
    ("tourism", "Parijs", "FR", "parijs"),
    ("tourism", "Keulen", "DE", "berlijn"),
    ("tourism", "Amsterdam", "NL", "den-haag"),
]

# A location assessment as §5.2 describes it (demo scores with their evidence).
ASSESSMENT = {
    "title": "Bijkomende diplomatieke vertegenwoordiging in Afrika",
    "question": "Waar openen we een volwaardige diplomatieke vertegenwoordiging, "
    "in het licht van de Afrikavisie (§4.7, §5.2)?",
    "criteria": [
        (
            "politiek",
            "Politieke betekenis",
            "political",
            3,
            "usual",
            None,
            None,
            "Brugfunctie tussen Afrika en de EU; bestaande samenwerking",
        ),
        (
            "economisch",
            "Economische betekenis",
            "economic",
            3,
            "v_shape",
            None,
            4,
            "Handel met en investeringen uit Vlaanderen",
        ),
        ("cultureel", "Culturele betekenis", "cultural", 1, "usual", None, None, "Culturele en academische banden"),
        (
            "maatschappelijk",
            "Maatschappelijke betekenis",
            "societal",
            2,
            "linear",
            1,
            4,
            "Diaspora in Vlaanderen; migratie",
        ),
        (
            "thematisch",
            "Aansluiting bij de thematische prioriteiten",
            "thematic",
            2,
            "usual",
            None,
            None,
            "Prioriteiten van §4.1",
        ),
    ],
    "candidates": [("Rabat", "MA"), ("Casablanca", "MA"), ("Dakar", "SN")],
    "scores": {
        "Rabat": {"politiek": 9, "economisch": 6, "cultureel": 6, "maatschappelijk": 8, "thematisch": 8},
        "Casablanca": {"politiek": 6, "economisch": 9, "cultureel": 7, "maatschappelijk": 8, "thematisch": 7},
        "Dakar": {"politiek": 6, "economisch": 5, "cultureel": 7, "maatschappelijk": 5, "thematisch": 6},
    },
}
