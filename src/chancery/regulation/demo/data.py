# ruff: noqa: E501 - a table of official titles, one regulation a line, reads best unwrapped
"""Demo data of the register: real Flemish regulations, by their official title and date.

The titles and dates are of regulations as they appear in the Vlaamse Codex, written down without
access to it when the demo was made: **illustrative, to be verified** against codex.vlaanderen.be
before any other use. Their ELIs are left out (`eli` empty, `eli_verified` false): the Belgian ELI
needs the act's NUMAC number, which could not be looked up, and an invented number would read as a
real one. The EU acts are cited by their CELEX numbers. The gold-plating items and the burden
figures are worked examples of the demo (realistic orders of magnitude, not measurements)."""

DEMO_NOTE = "Illustratief voorbeeld van de demo, te verifiëren."

# Decrees of the Flemish Community of 1992 as the Belgian Official Gazette publishes them in its ELI
# data (www.ejustice.just.fgov.be/eli, eli:responsibility_of "VLAAMSE GEMEENSCHAP"; the file
# shared/external/decisions/kaleidos/staatsblad-decreet-1992.eli.nt): title as published, date of the
# act, ELI and NUMAC (eli:id_local) as published, so these are registered as verified.
# (key, title, date, ELI, NUMAC, policy domain or None)
GAZETTE = [
    (
        "1992-voorlopige-kredieten",
        "DECREET waarbij voor de maanden april, mei en juni 1992 voorlopige kredieten worden geopend die in mindering komen van de begroting van de Vlaamse Gemeenschap voor het begrotingsjaar 1992",
        "1992-04-01",
        "http://www.ejustice.just.fgov.be/eli/decreet/1992/04/01/1992035647",
        "1992035647",
        "Budgettair beleid",
    ),
    (
        "1992-onderwijs-iii",
        "Decreet betreffende het onderwijs-III.",
        "1992-04-09",
        "http://www.ejustice.just.fgov.be/eli/decreet/1992/04/09/1992035567",
        "1992035567",
        "Kleuter en leerplichtonderwijs",
    ),
    (
        "1992-regionale-televisie",
        "DECREET tot wijziging van het decreet van 23 oktober 1991 houdende organisatie en erkenning van niet-openbare regionale televisieverenigingen",
        "1992-05-20",
        "http://www.ejustice.just.fgov.be/eli/decreet/1992/05/20/1992035725",
        "1992035725",
        "Media",
    ),
    (
        "1992-begeleiding-begroting",
        "Decreet houdende diverse bepalingen tot begeleiding van de begroting 1992.",
        "1992-06-25",
        "http://www.ejustice.just.fgov.be/eli/decreet/1992/06/25/1992035738",
        "1992035738",
        "Budgettair beleid",
    ),
    (
        "1992-middelenbegroting",
        "DECREET houdende de middelenbegroting van de Vlaamse Gemeenschap voor het begrotingsjaar 1992",
        "1992-06-25",
        "http://www.ejustice.just.fgov.be/eli/decreet/1992/06/25/1992035748",
        "1992035748",
        "Budgettair beleid",
    ),
    (
        "1992-uitgavenbegroting",
        "DECREET houdende de algemene uitgavenbegroting van de Vlaamse Gemeenschap voor het begrotingsjaar 1992",
        "1992-06-25",
        "http://www.ejustice.just.fgov.be/eli/decreet/1992/06/25/1992035778",
        "1992035778",
        "Budgettair beleid",
    ),
    (
        "1992-oppervlaktewateren",
        "DECREET tot wijziging van de wet van 26 maart 1971 op de bescherming van de oppervlaktewateren tegen verontreiniging en van het decreet van 12 december 1990 betreffende het bestuurlijk beleid",
        "1992-07-01",
        "http://www.ejustice.just.fgov.be/eli/decreet/1992/07/01/1992035609",
        "1992035609",
        "Omgeving en natuur",
    ),
    (
        "1992-brt-statuut",
        "DECREET tot wijziging van het decreet van 27 maart 1991 houdende het statuut van de Nederlandse Radio- en Televisie-uitzendingen in Belgie, Omroep van de Vlaamse Gemeenschap",
        "1992-07-01",
        "http://www.ejustice.just.fgov.be/eli/decreet/1992/07/01/1992035779",
        "1992035779",
        "Media",
    ),
    (
        "1992-hoge-raad-sport",
        "Decreet houdende oprichting van een Vlaamse Hoge Raad voor de Sport.",
        "1992-07-23",
        "http://www.ejustice.just.fgov.be/eli/decreet/1992/07/23/1992035934",
        "1992035934",
        None,
    ),
    (
        "1992-inschrijvingsgelden",
        "Decreet tot wijziging wat de inschrijvingsgelden betreft, van het decreet van 12 juni 1991 betreffende universiteiten in de Vlaamse Gemeenschap.",
        "1992-07-23",
        "http://www.ejustice.just.fgov.be/eli/decreet/1992/07/23/1992035850",
        "1992035850",
        "Hoger onderwijs",
    ),
    (
        "1992-verdrag-maastricht",
        "DECREET houdende goedkeuring van het Verdrag betreffende de Europese Unie, van zeventien Protocollen en van de Slotakte met drieendertig verklaringen, opgemaakt te Maastricht op 7 februari 1992",
        "1992-11-04",
        "http://www.ejustice.just.fgov.be/eli/decreet/1992/11/04/1992036268",
        "1992036268",
        None,
    ),
    (
        "1992-begeleiding-begroting-1993",
        "Decreet houdende bepalingen tot begeleiding van de begroting 1993.",
        "1992-12-18",
        "http://www.ejustice.just.fgov.be/eli/decreet/1992/12/18/1992036312",
        "1992036312",
        "Budgettair beleid",
    ),
]

# (key, kind, title, date, policy domain)
REGULATIONS = [
    ("dabm", "decree", "Decreet van 5 april 1995 houdende algemene bepalingen inzake milieubeleid", "1995-04-05", "Omgeving en natuur"),
    ("milieuvergunning", "decree", "Decreet van 28 juni 1985 betreffende de milieuvergunning", "1985-06-28", "Omgeving en natuur"),
    ("omgevingsvergunning", "decree", "Decreet van 25 april 2014 betreffende de omgevingsvergunning", "2014-04-25", "Omgeving en natuur"),
    ("vlarem1", "government_decision", "Besluit van de Vlaamse Regering van 6 februari 1991 houdende vaststelling van het Vlaams reglement betreffende de milieuvergunning", "1991-02-06", "Omgeving en natuur"),
    ("vlarem2", "government_decision", "Besluit van de Vlaamse Regering van 1 juni 1995 houdende algemene en sectorale bepalingen inzake milieuhygiëne", "1995-06-01", "Omgeving en natuur"),
    ("materialendecreet", "decree", "Decreet van 23 december 2011 betreffende het duurzaam beheer van materiaalkringlopen en afvalstoffen", "2011-12-23", "Omgeving en natuur"),
    ("vlarema", "government_decision", "Besluit van de Vlaamse Regering van 17 februari 2012 tot vaststelling van het Vlaams reglement voor het duurzaam beheer van materiaalkringlopen en afvalstoffen", "2012-02-17", "Omgeving en natuur"),
    ("bodemdecreet", "decree", "Decreet van 27 oktober 2006 betreffende de bodemsanering en de bodembescherming", "2006-10-27", "Omgeving en natuur"),
    ("waterbeleid", "decree", "Decreet van 18 juli 2003 betreffende het integraal waterbeleid", "2003-07-18", "Omgeving en natuur"),
    ("natuurbehoud", "decree", "Decreet van 21 oktober 1997 betreffende het natuurbehoud en het natuurlijk milieu", "1997-10-21", "Omgeving en natuur"),
    ("bosdecreet", "decree", "Bosdecreet van 13 juni 1990", "1990-06-13", "Omgeving en natuur"),
    ("vcro", "government_decision", "Besluit van de Vlaamse Regering van 15 mei 2009 houdende coördinatie van de decreetgeving op de ruimtelijke ordening", "2009-05-15", "Omgeving en natuur"),
    ("energiedecreet", "decree", "Decreet van 8 mei 2009 houdende algemene bepalingen betreffende het energiebeleid", "2009-05-08", "Energie"),
    ("energiebesluit", "government_decision", "Besluit van de Vlaamse Regering van 19 november 2010 houdende algemene bepalingen over het energiebeleid", "2010-11-19", "Energie"),
    ("elektriciteitsdecreet", "decree", "Decreet van 17 juli 2000 houdende de organisatie van de elektriciteitsmarkt", "2000-07-17", "Energie"),
    ("aardgasdecreet", "decree", "Decreet van 6 juli 2001 houdende de organisatie van de gasmarkt", "2001-07-06", "Energie"),
    ("onroerend-erfgoed", "decree", "Decreet van 12 juli 2013 betreffende het onroerend erfgoed", "2013-07-12", "Onroerend erfgoed"),
    ("lokaal-bestuur", "decree", "Decreet van 22 december 2017 over het lokaal bestuur", "2017-12-22", "Binnenlands Bestuur en Stedenbeleid"),
    ("gemeentedecreet", "decree", "Gemeentedecreet van 15 juli 2005", "2005-07-15", "Binnenlands Bestuur en Stedenbeleid"),
    ("provinciedecreet", "decree", "Provinciedecreet van 9 december 2005", "2005-12-09", "Binnenlands Bestuur en Stedenbeleid"),
    ("ocmw-decreet", "decree", "Decreet van 19 december 2008 betreffende de organisatie van de openbare centra voor maatschappelijk welzijn", "2008-12-19", "Binnenlands Bestuur en Stedenbeleid"),
    ("bestuursdecreet", "decree", "Bestuursdecreet van 7 december 2018", "2018-12-07", "Ondersteuning Vlaamse Regering"),
    ("openbaarheid", "decree", "Decreet van 26 maart 2004 betreffende de openbaarheid van bestuur", "2004-03-26", "Ondersteuning Vlaamse Regering"),
    ("kaderdecreet", "decree", "Kaderdecreet Bestuurlijk Beleid van 18 juli 2003", "2003-07-18", "Interne dienstverlening Vlaamse overheid"),
    ("gegevensverkeer", "decree", "Decreet van 18 juli 2008 betreffende het elektronische bestuurlijke gegevensverkeer", "2008-07-18", "Digitalisering"),
    ("bestuursrechtscolleges", "decree", "Decreet van 4 april 2014 betreffende de organisatie en de rechtspleging van sommige Vlaamse bestuursrechtscolleges", "2014-04-04", "Bestuursrechtspraak"),
    ("codex-fiscaliteit", "decree", "Decreet van 13 december 2013 houdende de Vlaamse Codex Fiscaliteit", "2013-12-13", "Fiscaliteit"),
    ("codex-overheidsfinancien", "decree", "Decreet van 29 maart 2019 over de Vlaamse Codex Overheidsfinanciën", "2019-03-29", "Budgettair beleid"),
    ("wooncode", "decree", "Decreet van 15 juli 1997 houdende de Vlaamse Wooncode", "1997-07-15", "Woonbeleid"),
    ("woonzorg", "decree", "Decreet van 15 februari 2019 betreffende het woonzorgbeleid", "2019-02-15", "Gezondheids- en ouderenzorg"),
    ("preventief-gezondheidsbeleid", "decree", "Decreet van 21 november 2003 betreffende het preventieve gezondheidsbeleid", "2003-11-21", "Gezondheids- en ouderenzorg"),
    ("kinderopvang", "decree", "Decreet van 20 april 2012 houdende de organisatie van kinderopvang van baby's en peuters", "2012-04-20", "Kinderen"),
    ("integrale-jeugdhulp", "decree", "Decreet van 12 juli 2013 betreffende de integrale jeugdhulp", "2013-07-12", "Welzijnszorg"),
    ("rechtspositie-minderjarige", "decree", "Decreet van 7 mei 2004 betreffende de rechtspositie van de minderjarige in de integrale jeugdhulp", "2004-05-07", "Welzijnszorg"),
    ("sociale-bescherming", "decree", "Decreet van 18 mei 2018 houdende de Vlaamse sociale bescherming", "2018-05-18", "Sociale bescherming"),
    ("gelijke-kansen", "decree", "Decreet van 10 juli 2008 houdende een kader voor het Vlaamse gelijkekansen- en gelijkebehandelingsbeleid", "2008-07-10", "Gelijke Kansen en Integratie en Inburgering"),
    ("mediadecreet", "decree", "Decreet van 27 maart 2009 betreffende radio-omroep en televisie", "2009-03-27", "Media"),
    ("basisonderwijs", "decree", "Decreet basisonderwijs van 25 februari 1997", "1997-02-25", "Kleuter en leerplichtonderwijs"),
    ("codex-hoger-onderwijs", "government_decision", "Besluit van de Vlaamse Regering van 11 oktober 2013 tot codificatie betreffende het hoger onderwijs", "2013-10-11", "Hoger onderwijs"),
    ("ruimtelijke-ordening-1999", "decree", "Decreet van 18 mei 1999 houdende de organisatie van de ruimtelijke ordening", "1999-05-18", "Omgeving en natuur"),
]  # fmt: skip

# (CELEX, kind, title, transposition deadline or None)
EU_ACTS = [
    ("32011L0092", "directive", "Richtlijn 2011/92/EU betreffende de milieueffectbeoordeling van bepaalde openbare en particuliere projecten", None),
    ("32010L0075", "directive", "Richtlijn 2010/75/EU inzake industriële emissies (geïntegreerde preventie en bestrijding van verontreiniging)", None),
    ("32008L0098", "directive", "Richtlijn 2008/98/EG betreffende afvalstoffen", None),
    ("32000L0060", "directive", "Richtlijn 2000/60/EG tot vaststelling van een kader voor communautaire maatregelen betreffende het waterbeleid", None),
    ("31992L0043", "directive", "Richtlijn 92/43/EEG inzake de instandhouding van de natuurlijke habitats en de wilde flora en fauna", None),
    ("32018L2001", "directive", "Richtlijn (EU) 2018/2001 ter bevordering van het gebruik van energie uit hernieuwbare bronnen", "2021-06-30"),
    ("32010L0031", "directive", "Richtlijn 2010/31/EU betreffende de energieprestatie van gebouwen", None),
    ("32019L0944", "directive", "Richtlijn (EU) 2019/944 betreffende gemeenschappelijke regels voor de interne markt voor elektriciteit", "2020-12-31"),
    ("32003L0004", "directive", "Richtlijn 2003/4/EG inzake de toegang van het publiek tot milieu-informatie", None),
]  # fmt: skip

# regulation key → [(CELEX, [(provision, what goes beyond, reason)])]
TRANSPOSITIONS = {
    "omgevingsvergunning": [
        ("32011L0092", [("art. 5 en 6 (illustratief)", "Een vergunningsplicht voor meer projecten dan de bijlagen van de richtlijn vragen.",
                         "Eén vergunning voor bouwen en exploiteren: de integratie van de milieu- en de stedenbouwkundige vergunning. " + DEMO_NOTE)]),
        ("32010L0075", []),
    ],
    "materialendecreet": [("32008L0098", [])],
    "waterbeleid": [("32000L0060", [])],
    "natuurbehoud": [("31992L0043", [])],
    "energiedecreet": [
        ("32018L2001", [("art. 7.1.x (illustratief)", "Strengere rapportering door producenten van groene stroom dan de richtlijn vraagt.",
                         "Toezicht op de steunmechanismen (groenestroomcertificaten). " + DEMO_NOTE)]),
        ("32010L0031", []),
        ("32019L0944", []),
    ],
    "openbaarheid": [("32003L0004", [])],
}  # fmt: skip

# Two burden calculations of regulations in force, in the JSON of `chancery scm` (businesses at the
# business tariff of the tariff table, 54 euro per hour; citizens at 15 euro per hour).
CALCULATIONS = {
    "omgevingsvergunning": (
        "Meting regeldruk omgevingsvergunning (demo)",
        "2024-01-01",
        {
            "obligations": [
                {"name": "Aanvraag van een omgevingsvergunning (bedrijven)", "activities": [
                    {"name": "Kennisnemen van de vereisten", "target_group": "businesses", "time_hours": "3", "out_of_pocket_eur": "0",
                     "population": "6000", "frequency_per_year": "1", "business_as_usual_share": "0", "one_off": False},
                    {"name": "Dossier samenstellen (plannen, beschrijvende nota)", "target_group": "businesses", "time_hours": "16",
                     "out_of_pocket_eur": "350", "population": "6000", "frequency_per_year": "1", "business_as_usual_share": "0.2", "one_off": False},
                    {"name": "Indienen via het omgevingsloket", "target_group": "businesses", "time_hours": "0.75", "out_of_pocket_eur": "0",
                     "population": "6000", "frequency_per_year": "1", "business_as_usual_share": "0", "one_off": False},
                ]},
                {"name": "Melding van een ingedeelde inrichting klasse 3", "activities": [
                    {"name": "Meldingsformulier invullen", "target_group": "businesses", "time_hours": "2", "out_of_pocket_eur": "0",
                     "population": "9000", "frequency_per_year": "1", "business_as_usual_share": "0", "one_off": False},
                ]},
                {"name": "Aanvraag van een omgevingsvergunning (burgers)", "activities": [
                    {"name": "Aanvraag voor een verbouwing samenstellen", "target_group": "citizens", "time_hours": "10",
                     "out_of_pocket_eur": "0", "population": "45000", "frequency_per_year": "1", "business_as_usual_share": "0", "one_off": False},
                ]},
            ]
        },
    ),
    "kinderopvang": (
        "Meting regeldruk kinderopvang van baby's en peuters (demo)",
        "2024-01-01",
        {
            "obligations": [
                {"name": "Aanvraag van een vergunning als organisator", "activities": [
                    {"name": "Vergunningsdossier samenstellen", "target_group": "businesses", "time_hours": "24", "out_of_pocket_eur": "150",
                     "population": "350", "frequency_per_year": "1", "business_as_usual_share": "0", "one_off": True},
                ]},
                {"name": "Registratie van de aanwezigheden", "activities": [
                    {"name": "Aanwezigheden per maand registreren", "target_group": "businesses", "time_hours": "3", "out_of_pocket_eur": "0",
                     "population": "7500", "frequency_per_year": "12", "business_as_usual_share": "0.5", "one_off": False},
                ]},
                {"name": "Jaarlijkse rapportering aan Opgroeien", "activities": [
                    {"name": "Jaarverslag opmaken en indienen", "target_group": "businesses", "time_hours": "8", "out_of_pocket_eur": "0",
                     "population": "7500", "frequency_per_year": "1", "business_as_usual_share": "0.25", "one_off": False},
                ]},
            ]
        },
    ),
}  # fmt: skip

# A draft decree that amends the Omgevingsvergunningsdecreet, with its ex-ante calculation: the
# melding klasse 3 goes digital and prefilled (less time), the aanvraag needs no separate
# kennisname. Not yet finally approved: the register gets it on approval.
DRAFT = {
    "dossier_title": "Ontwerp van decreet tot wijziging van het decreet van 25 april 2014 betreffende de omgevingsvergunning, wat betreft de vereenvoudiging van meldingen",
    "short_title": "Vereenvoudiging meldingen omgevingsvergunning",
    "title": "Decreet tot wijziging van het decreet van 25 april 2014 betreffende de omgevingsvergunning, wat betreft de vereenvoudiging van meldingen",
    "amends": "omgevingsvergunning",
    "domain": "Omgeving en natuur",
    "calculation": (
        "Ex-ante regeldrukberekening (demo)",
        "2026-01-01",
        {
            "obligations": [
                {"name": "Aanvraag van een omgevingsvergunning (bedrijven)", "activities": [
                    {"name": "Dossier samenstellen (plannen, beschrijvende nota)", "target_group": "businesses", "time_hours": "14",
                     "out_of_pocket_eur": "350", "population": "6000", "frequency_per_year": "1", "business_as_usual_share": "0.2", "one_off": False},
                    {"name": "Indienen via het omgevingsloket", "target_group": "businesses", "time_hours": "0.5", "out_of_pocket_eur": "0",
                     "population": "6000", "frequency_per_year": "1", "business_as_usual_share": "0", "one_off": False},
                ]},
                {"name": "Melding van een ingedeelde inrichting klasse 3", "activities": [
                    {"name": "Kennisnemen van het nieuwe meldingsformulier", "target_group": "businesses", "time_hours": "0.5",
                     "out_of_pocket_eur": "0", "population": "9000", "frequency_per_year": "1", "business_as_usual_share": "0", "one_off": True},
                    {"name": "Vooringevuld meldingsformulier nakijken", "target_group": "businesses", "time_hours": "0.75",
                     "out_of_pocket_eur": "0", "population": "9000", "frequency_per_year": "1", "business_as_usual_share": "0", "one_off": False},
                ]},
                {"name": "Aanvraag van een omgevingsvergunning (burgers)", "activities": [
                    {"name": "Aanvraag voor een verbouwing samenstellen", "target_group": "citizens", "time_hours": "8",
                     "out_of_pocket_eur": "0", "population": "45000", "frequency_per_year": "1", "business_as_usual_share": "0", "one_off": False},
                ]},
            ]
        },
    ),
}  # fmt: skip
