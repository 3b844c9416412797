"""Demo data of the EU files. The acts and proposals are real: their COM numbers, CELEX numbers,
adoption and transposition dates as EUR-Lex publishes them (each row names its EUR-Lex page).
The counts of obligations and pages, the Flemish positions, the coordination meetings and the
Council attendance are illustrative: DEMO_NOTE marks them."""

DEMO_NOTE = "(demo: illustratief)"
COUNTS_NOTE = "Aantallen verplichtingen en pagina's: illustratief, te tellen op de PB-publicatie."


def eur_lex(celex: str) -> str:
    return f"https://eur-lex.europa.eu/legal-content/NL/TXT/?uri=CELEX:{celex}"


# key, kind, CELEX, COM, title, organisation, proposal key, adopted, deadline, obligations, pages,
# competences (policy fields), category, source
ACTS = [
    ("nrl-proposal", "proposal", "52022PC0304", "COM(2022) 304",
     "Voorstel voor een verordening inzake natuurherstel", "", None, None, None, None, None,
     ["Omgeving en natuur", "Landbouw en zeevisserij"], "II", eur_lex("52022PC0304")),
    ("nrl", "regulation", "32024R1991", "",
     "Verordening (EU) 2024/1991 inzake natuurherstel", "", "nrl-proposal", "2024-06-24", None, 46, 93,
     ["Omgeving en natuur", "Landbouw en zeevisserij"], "II", eur_lex("32024R1991") + " " + COUNTS_NOTE),
    ("epbd-proposal", "proposal", "52021PC0802", "COM(2021) 802",
     "Voorstel voor een richtlijn betreffende de energieprestatie van gebouwen (herschikking)", "", None, None, None,
     None, None, ["Energie", "Woonbeleid"], "II", eur_lex("52021PC0802")),
    ("epbd", "directive", "32024L1275", "",
     "Richtlijn (EU) 2024/1275 betreffende de energieprestatie van gebouwen (herschikking)", "", "epbd-proposal",
     "2024-04-24", "2026-05-29", 61, 68, ["Energie", "Woonbeleid"], "II", eur_lex("32024L1275") + " " + COUNTS_NOTE),
    ("csddd-proposal", "proposal", "52022PC0071", "COM(2022) 71",
     "Voorstel voor een richtlijn inzake passende zorgvuldigheid in het bedrijfsleven op het gebied van duurzaamheid",
     "", None, None, None, None, None, ["Economie", "Internationaal ondernemen"], "I", eur_lex("52022PC0071")),
    ("csddd", "directive", "32024L1760", "",
     "Richtlijn (EU) 2024/1760 inzake passende zorgvuldigheid in het bedrijfsleven op het gebied van duurzaamheid",
     "", "csddd-proposal", "2024-06-13", "2027-07-26", 38, 64, ["Economie", "Internationaal ondernemen"], "I",
     eur_lex("32024L1760") + "; omzettingstermijn uitgesteld tot 26 juli 2027 door Richtlijn (EU) 2025/794 ("
     + eur_lex("32025L0794") + "). " + COUNTS_NOTE),
    ("omnibus-content", "proposal", "52025PC0081", "COM(2025) 81",
     "Voorstel voor een richtlijn tot wijziging van de richtlijnen over duurzaamheidsrapportering en passende "
     "zorgvuldigheid (Omnibus I)", "", None, None, None, None, None, ["Economie"], "I", eur_lex("52025PC0081")),
    ("uwwtd", "directive", "32024L3019", "",
     "Richtlijn (EU) 2024/3019 inzake de behandeling van stedelijk afvalwater (herschikking)", "", None,
     "2024-11-27", "2027-07-31", 72, 59, ["Omgeving en natuur", "Waterinfrastructuur en zeewezen"], "II",
     eur_lex("32024L3019") + " " + COUNTS_NOTE),
    ("aaqd", "directive", "32024L2881", "",
     "Richtlijn (EU) 2024/2881 betreffende de luchtkwaliteit en schonere lucht voor Europa (herschikking)", "",
     None, "2024-10-23", "2026-12-11", 54, 70, ["Omgeving en natuur", "Klimaat"], "II",
     eur_lex("32024L2881") + " " + COUNTS_NOTE),
    ("soil-proposal", "proposal", "52023PC0416", "COM(2023) 416",
     "Voorstel voor een richtlijn inzake bodemmonitoring en -veerkracht (bodemmonitoringswet)", "", None, None,
     None, None, None, ["Omgeving en natuur", "Landbouw en zeevisserij"], "II", eur_lex("52023PC0416")),
    ("ai-proposal", "proposal", "52021PC0206", "COM(2021) 206",
     "Voorstel voor een verordening tot vaststelling van geharmoniseerde regels betreffende artificiële "
     "intelligentie", "", None, None, None, None, None, ["Digitalisering", "Economie"], "I", eur_lex("52021PC0206")),
    ("ai-act", "regulation", "32024R1689", "",
     "Verordening (EU) 2024/1689 tot vaststelling van geharmoniseerde regels betreffende artificiële intelligentie",
     "", "ai-proposal", "2024-06-13", None, 113, 144, ["Digitalisering", "Economie"], "I",
     eur_lex("32024R1689") + " " + COUNTS_NOTE),
    ("coe-ai", "multilateral", "", "",
     "Kaderverdrag van de Raad van Europa inzake artificiële intelligentie en mensenrechten, democratie en de "
     "rechtsstaat (CETS nr. 225)", "Raad van Europa", None, None, None, None, None, ["Digitalisering",
     "Buitenlands beleid"], "", "https://www.coe.int/en/web/conventions/full-list?module=treaty-detail&treatynum=225"),
    ("pact-future", "multilateral", "", "",
     "Pact voor de Toekomst (resolutie A/RES/79/1 van de Algemene Vergadering van de VN, 22 september 2024)",
     "Verenigde Naties", None, None, None, None, None, ["Buitenlands beleid", "Ontwikkelingssamenwerking"], "",
     "https://docs.un.org/en/A/RES/79/1"),
]  # fmt: skip

# The register's demo acts with a deadline long passed: their transposition is recorded there
# (regulation's demo), so the tracker shows them transposed, not overdue.
TRANSPOSED = {
    "32018L2001": ("2021-06-30", "Omzetting in de demo van de regelgeving: illustratief, te verifiëren."),
    "32019L0944": ("2020-12-31", "Omzetting in de demo van de regelgeving: illustratief, te verifiëren."),
}

# key → (interests, position, needs a Government decision, approved by a minister's office)
POSITIONS = {
    "soil-proposal": (
        "Vlaamse bodemsaneringsregelgeving (Bodemdecreet) en het bestaande netwerk van bodemmetingen; "
        "administratieve lasten voor landbouwers. " + DEMO_NOTE,
        "Vlaanderen steunt een gemeenschappelijk monitoringskader, maar vraagt dat bestaande regionale "
        "meetnetten en bodemattesten erkend worden en dat er geen bijkomende certificeringsplicht komt. " + DEMO_NOTE,
        False, True,
    ),
    "nrl-proposal": (
        "Herstelverplichtingen op landbouwgrond en in het havengebied; verhouding tot de Vlaamse "
        "instandhoudingsdoelstellingen (Natura 2000). " + DEMO_NOTE,
        "Vlaanderen vraagt realistische hersteltermijnen, rekening houdend met de ruimtedruk, en kan het voorstel "
        "in deze vorm niet steunen. " + DEMO_NOTE,
        True, False,
    ),
    "coe-ai": (
        "Overheidsgebruik van AI-systemen door Vlaamse administraties; samenhang met de AI-verordening. " + DEMO_NOTE,
        "Vlaanderen steunt de ondertekening door België, op voorwaarde van samenhang met Verordening (EU) "
        "2024/1689. " + DEMO_NOTE,
        False, False,
    ),
}  # fmt: skip

# forum, day, subject, attendees [(name, representing)], outcomes [(act key, result, text)]
MEETINGS = [
    ("dge", "2023-11-08", "Voorbereiding Raad Milieu: natuurherstel en bodemmonitoring",
     [("DGE-coördinator (demo)", "FOD Buitenlandse Zaken, DGE"), ("Medewerker Omgeving (demo)", "Vlaamse Regering"),
      ("Medewerker DKBUZA (demo)", "Vlaamse Regering"), ("Attaché leefmilieu (demo)", "Waals Gewest"),
      ("Attaché leefmilieu (demo)", "Brussels Hoofdstedelijk Gewest"), ("Attaché (demo)", "FOD Volksgezondheid")],
     [("nrl-proposal", "no_consensus", "Geen eensgezindheid over de hersteltermijnen. " + DEMO_NOTE),
      ("soil-proposal", "position", "Belgisch standpunt: steun, met erkenning van regionale meetnetten. "
       + DEMO_NOTE)]),
    ("imc", "2023-11-15", "Interministeriële Conferentie Buitenlands Beleid (ICBB): natuurherstel",
     [("Vertegenwoordiger Minister-president (demo)", "Vlaamse Regering"),
      ("Vertegenwoordiger (demo)", "Federale Regering"), ("Vertegenwoordiger (demo)", "Waals Gewest")],
     [("nrl-proposal", "abstention", "Geen akkoord: België onthoudt zich. " + DEMO_NOTE)]),
    ("coormulti", "2024-06-20", "Ondertekening van het kaderverdrag van de Raad van Europa over AI",
     [("COORMULTI-voorzitter (demo)", "FOD Buitenlandse Zaken, DGM"), ("Medewerker Digitalisering (demo)",
      "Vlaamse Regering"), ("Medewerker (demo)", "Federatie Wallonië-Brussel")],
     [("coe-ai", "position", "België ondertekent; de gemeenschappen en gewesten stemmen later in. " + DEMO_NOTE)]),
]  # fmt: skip
# The no-consensus outcome of the first meeting goes to the second (the conference).
ESCALATION = (0, "nrl-proposal", 1)

# formation, day, index of the Flemish minister (protocol order; None: not named), seat taken, act keys
COUNCILS = [
    ("env", "2025-03-17", 3, True, ["soil-proposal", "nrl"]),
    ("env", "2025-06-17", 3, False, ["soil-proposal"]),
    ("agrifish", "2025-01-27", 5, True, []),
    ("tte-energy", "2025-12-16", 2, None, ["epbd"]),
    ("gac", "2025-02-18", None, None, ["omnibus-content"]),
]  # fmt: skip
