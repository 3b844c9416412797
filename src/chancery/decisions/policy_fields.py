"""The policy fields (beleidsvelden) of the Flemish Government, the themes of the public side.

Codes and labels as Kaleidos publishes them (kanselarij-vlaanderen/app-kaleidos,
config/migrations/20190514145609-government-fields.ttl; URIs under
http://kanselarij.vo.data.gift/id/beleidsveld/), so that our themes are the Government's own.
The migration loads them; `load` is also what tests call, because a transactional test empties
every table afterwards, reference data included.
"""

from django.utils.text import slugify

BASE = "http://kanselarij.vo.data.gift/id/beleidsveld/"

POLICY_FIELDS = (
    ("80106fa7-3f9d-4313-b3e1-040bf0e07410", "Budgettair beleid"),
    ("da9202a5-c504-4f2c-8865-055cf472b3e4", "Fiscaliteit"),
    ("10d5f8a5-3dfe-4661-b6a2-c2ca98f819a3", "Financiële operaties"),
    ("998b165e-3c6d-4722-bd1f-af3de421628e", "Boekhouding"),
    ("01f64f4e-d435-4f98-8260-7e1843bf1555", "Ondersteuning Vlaamse Regering"),
    ("ff815ebf-7a96-42be-90fc-88824854e6a6", "Gelijke Kansen en Integratie en Inburgering"),
    ("624264fe-0e06-48c1-9e97-eeb4089f5971", "Brussel"),
    ("0f693798-541d-49ee-b705-4643661402a2", "Vlaamse Rand"),
    ("82883c33-57c8-4e67-9669-53ef7f960b51", "Binnenlands Bestuur en Stedenbeleid"),
    ("32c9b7d9-6fe5-4e68-bd4f-0f895fadeb4c", "Rampenschade"),
    ("1a2aa428-d8c4-4fa1-aa1e-1c3851c382b2", "Digitalisering"),
    ("4d73b772-ccfa-4bd8-bd45-6722b1972a1a", "Bestuursrechtspraak"),
    ("59e231ce-97d2-4576-a152-c2807eefa5b6", "Interne dienstverlening Vlaamse overheid"),
    ("9bae7bf3-3851-4447-b457-5af1b0c82925", "Werk"),
    ("c08ccb06-460f-4bb7-87d5-714a94c5186b", "Competenties"),
    ("5de93340-ce1a-4886-8425-6c80bbe0351b", "Sociale economie"),
    ("581845a0-0a25-4e43-89d6-7863572aeb6c", "Economie"),
    ("5a9c8b50-1d07-4bcb-9dd8-f1d041437a46", "Wetenschappelijk onderzoek"),
    ("890bcc01-a3f2-40de-954b-92ea3d958784", "Innovatie"),
    ("106408c9-ec8e-42cf-9e8e-6a8e7ef537b1", "Wetenschapscommunicatie"),
    ("e4dab90c-bb3a-47c5-abfc-802ddb55480d", "Landbouw en zeevisserij"),
    ("bc15da36-a7a3-46eb-9af6-d6a8a12b0ad1", "Landbouw- en zeevisserijonderzoek"),
    ("13842fbc-441c-46ca-a58d-f78a64eb8a93", "Promotie landbouw, tuinbouw en zeevisserij"),
    ("c48135d7-f235-460a-af3b-deb3954e6a32", "Onroerend erfgoed"),
    ("d1b93810-6066-4b0e-ad31-130c7ae838ac", "Omgeving en natuur"),
    ("d185e71b-2a6f-49e5-b710-3d9f58ddf11b", "Klimaat"),
    ("ea4c45da-a07d-49c9-92ab-16d0a0d4e37e", "Energie"),
    ("43b8de2e-61f9-4cf8-a018-9f3cc27f4103", "Dierenwelzijn"),
    ("2b0103aa-a3e8-4718-80f8-8de405966c57", "Woonbeleid"),
    ("82208ea2-8371-4ed1-906f-5ae4c101caee", "Welzijnszorg"),
    ("d83bfbfd-5821-4cf3-85cc-c7201f9343a6", "Gezondheids- en ouderenzorg"),
    ("08249005-75e6-4791-ac7f-dbbb3a4d79c4", "Jongeren"),
    ("bb23f5b3-8f56-4ebb-9201-bd085256f00a", "Kinderen"),
    ("72b6fc10-b729-40f3-9c03-9f7d55e076a7", "Personen met een beperking"),
    ("4cd5d9d1-099b-437e-be1a-99c069469fcb", "Sociale bescherming"),
    ("2731fdbe-592b-414c-8675-22a7b9d7b3bc", "Zorginfrastructuur"),
    ("0db685d1-811f-49f9-a6fe-348aab08bba4", "Buitenlands beleid"),
    ("52e877e2-d342-4b0c-9835-74368a296d6c", "Ontwikkelingssamenwerking"),
    ("35d0740c-2754-4ca3-a334-936401383bcf", "Toerisme"),
    ("e4d93deb-7e21-4838-b83d-da6b8c562723", "Internationaal ondernemen"),
    ("fc405ce9-5535-440d-a121-5deacab67d28", "Cultuur"),
    ("19c1626d-1172-48f9-81d7-368015eb3489", "Jeugd"),
    ("4fbef468-55dd-4191-96bd-e0ac9e28aa91", "Media"),
    ("114e5c23-e495-41b7-995c-bc390b5234a0", "Sport"),
    ("d5193292-bdc1-4c7d-ba0a-661219108801", "Regionale luchthavens"),
    ("8f23ea03-637f-4d4b-8135-7281a6358ab1", "Gemeenschappelijk vervoer"),
    ("b5eb0138-b286-473e-8f06-5647db7ac120", "Verkeersbeleid"),
    ("a84f868d-de05-4a62-b7eb-fc676479a6d2", "Weginfrastructuur en wegverkeer"),
    ("3ada201d-68dd-41a3-b0da-5a8ef27de879", "Waterinfrastructuur en zeewezen"),
    ("eddfc369-3b67-45a1-b0a2-d527a03c1ce1", "Kleuter en leerplichtonderwijs"),
    ("b2cdd186-bced-41af-9533-7e234996f16e", "Hoger onderwijs"),
    ("cd9b9d89-5757-448d-a887-10acfc67adfb", "Deeltijds kunstonderwijs en volwassenenonderwijs"),
    ("148a2622-b159-4bf7-b6f2-0ec8a5ce2194", "Ondersteuning van het onderwijsveld"),
)


def load(theme_model) -> None:
    """Create or update the Theme rows (takes the model: the migration passes its historical one)."""
    for code, label in POLICY_FIELDS:
        theme_model.objects.update_or_create(uri=BASE + code, defaults={"label": label, "slug": slugify(label)[:80]})
