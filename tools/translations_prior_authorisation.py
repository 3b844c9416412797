# ruff: noqa: E501
"""Dutch translations of the procedure VM (application for a prior authorisation):
`python tools/fill_translations.py tools/translations_prior_authorisation.py`."""

NL = {
    "Definitive export outside the EU": "Definitieve uitvoer buiten de EU",
    "Transfer to another EU Member State": "Overbrenging naar een andere EU-lidstaat",
    "Use of a general transfer licence": "Gebruik van een algemene overbrengingsvergunning",
    "For what do you need it?": "Waarvoor hebt u ze nodig?",
    "Your activities with defence-related products": "Uw activiteiten met defensiegerelateerde producten",
    "What the company makes or trades, for which customers, and who is responsible for export control.": "Wat de onderneming maakt of verhandelt, voor welke klanten, en wie verantwoordelijk is voor de exportcontrole.",
    "Questionnaire on your internal compliance programme (ICP)": "Vragenlijst over uw bedrijfsintern controlesysteem (ICP)",
    "The service evaluates your ICP with this questionnaire and a meeting with your company.": "De dienst beoordeelt uw ICP aan de hand van deze vragenlijst en een overleg met uw onderneming.",
    "Your activities": "Uw activiteiten",
    "ICP questionnaire": "Vragenlijst ICP",
    "questionnaire on the internal compliance programme": "vragenlijst over het bedrijfsintern controlesysteem",
    "A decision was taken on your application for a prior authorisation.": "Er is een beslissing genomen over uw aanvraag van een voorafgaande machtiging.",
    "Prior authorisation for military goods": "Voorafgaande machtiging voor militaire goederen",
    "Needed before applying for the definitive export, transit or transfer of defence-related products (Wapenhandeldecreet): a morality investigation and an evaluation of your internal compliance programme.": "Nodig voordat u een vergunning aanvraagt voor de definitieve uitvoer, doorvoer of overbrenging van defensiegerelateerde producten (Wapenhandeldecreet): een moraliteitsonderzoek en een beoordeling van uw bedrijfsintern controlesysteem.",
    "Morality investigation and ICP evaluation": "Moraliteitsonderzoek en beoordeling van het ICP",
    "Awaiting the advice of prosecutor, State Security and federal police": "Wacht op het advies van parket, Veiligheid van de Staat en federale politie",
    "Declare complete and start the investigation": "Volledig verklaren en het onderzoek starten",
    "Ask the advice of prosecutor, State Security and federal police": "Advies vragen aan parket, Veiligheid van de Staat en federale politie",
    "Military goods need a valid prior authorisation (voorafgaande machtiging) or certified-person certificate of the company before an application can be submitted. Apply for one first at your counter (My files).": "Voor militaire goederen is een geldige voorafgaande machtiging of een certificaat van gecertificeerde persoon van de onderneming nodig voordat een aanvraag ingediend kan worden. Vraag eerst een voorafgaande machtiging aan via uw loket (Mijn dossiers).",
    "The company holds no prior authorisation.": "De onderneming heeft geen voorafgaande machtiging.",
    "Using a general transfer licence needs a valid prior authorisation (voorafgaande machtiging) or certified-person certificate of the company on the planned first use. Apply for one first at your counter (My files).": "Voor het gebruik van een algemene overbrengingsvergunning is een geldige voorafgaande machtiging of een certificaat van gecertificeerde persoon van de onderneming nodig op de geplande datum van het eerste gebruik. Vraag eerst een voorafgaande machtiging aan via uw loket (Mijn dossiers).",
}
