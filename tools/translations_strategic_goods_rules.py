# ruff: noqa: E501
"""Dutch translations of the application rules (what fits together, prior authorisation on submit):
`python tools/fill_translations.py tools/translations_strategic_goods_rules.py`."""

NL = {
    "Military goods need a valid prior authorisation (voorafgaande machtiging) or certified-person certificate of the company before an application can be submitted. Ask the service for one first.": "Voor militaire goederen is een geldige voorafgaande machtiging of een certificaat van gecertificeerde persoon van de onderneming nodig voordat een aanvraag ingediend kan worden. Vraag die eerst aan bij de dienst.",
    "The applicant may file it (military goods: a prior authorisation)": "De aanvrager mag ze indienen (militaire goederen: een voorafgaande machtiging)",
    "An intra-EU transfer goes to another Member State of the European Union; %(country)s is not one. To a country outside the EU, choose export.": "Een intracommunautaire overdracht gaat naar een andere lidstaat van de Europese Unie; %(country)s is dat niet. Kies uitvoer voor een land buiten de EU.",
    "Defence-related products going to another Member State of the EU are transferred, not exported: choose the intra-EU transfer.": "Defensiegerelateerde producten naar een andere lidstaat van de EU worden overgedragen, niet uitgevoerd: kies de intracommunautaire overdracht.",
    "An export of dual-use items concerns dual-use items: choose that kind of goods.": "Een uitvoer van producten voor tweeërlei gebruik betreft producten voor tweeërlei gebruik: kies die soort goederen.",
    "For dual-use items, choose the export of dual-use items; the intra-EU transfer of the Wapenhandeldecreet concerns defence-related products.": "Kies voor producten voor tweeërlei gebruik de uitvoer van producten voor tweeërlei gebruik; de intracommunautaire overdracht van het Wapenhandeldecreet betreft defensiegerelateerde producten.",
    "Transit of defence-related products is always licensed individually.": "Voor de doorvoer van defensiegerelateerde producten is altijd een individuele vergunning nodig.",
    "Defence-related products leaving the EU are licensed individually; a global licence exists for transfers within the EU and for dual-use items.": "Voor defensiegerelateerde producten die de EU verlaten is een individuele vergunning nodig; een globale vergunning bestaat voor overdrachten binnen de EU en voor producten voor tweeërlei gebruik.",
    "Defence-related products have codes of the EU Common Military List (ML1 to ML22), not %(codes)s.": "Defensiegerelateerde producten hebben codes van de Gemeenschappelijke EU-lijst militaire goederen (ML1 tot ML22), niet %(codes)s.",
    "Dual-use items have codes of Annex I of Regulation (EU) 2021/821, not %(codes)s.": "Producten voor tweeërlei gebruik hebben codes van bijlage I van Verordening (EU) 2021/821, niet %(codes)s.",
    "To export, transit or transfer defence-related products, your company needs a valid prior authorisation or certified-person certificate first.": "Voor de uitvoer, doorvoer of overdracht van defensiegerelateerde producten heeft uw onderneming eerst een geldige voorafgaande machtiging of een certificaat van gecertificeerde persoon nodig.",
    "Required for a company or organisation; for a Belgian company: the enterprise number (e.g. 0123.456.749).": "Verplicht voor een onderneming of organisatie; voor een Belgische onderneming: het ondernemingsnummer (bv. 0123.456.749).",
    "Temporary: the goods come back (exhibition, demonstration, repair, testing)": "Tijdelijk: de goederen komen terug (tentoonstelling, demonstratie, herstelling, test)",
    "A temporary export or transit needs no prior authorisation.": "Voor een tijdelijke uitvoer of doorvoer is geen voorafgaande machtiging nodig.",
    "temporary": "tijdelijk",
    "The goods come back (exhibition, demonstration, repair, testing).": "De goederen komen terug (tentoonstelling, demonstratie, herstelling, test).",
    "temporary: the goods come back": "tijdelijk: de goederen komen terug",
}
