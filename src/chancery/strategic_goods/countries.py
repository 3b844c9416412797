"""Countries as the export-control rules group them, by ISO 3166 code. Plain data: the licence
rules (`licensing.rules`, read while the models load) and the application checks both use it."""

# Intra-EU transfers to the Netherlands and Luxembourg need no licence: the Benelux countries form
# one territory for the transfer of defence-related products (procedure-rules.md §A1 "Benelux";
# fdfa.be FAQ strategische goederen).
BENELUX = frozenset({"NL", "LU"})
# The Member States of the European Union (27 since 1 February 2020; european-union.europa.eu,
# "EU countries"), by ISO 3166 code (Greece is GR there, EL in EU documents). A change of
# membership is a change here.
EU_MEMBER_STATES = frozenset("AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK".split())
