"""The bar chart every app draws (core.charts): its accessible name, its scale, and labels that fit
the space left of the axis."""

from decimal import Decimal

from defusedxml import ElementTree

from chancery.core.charts import LABEL_CHARACTERS, bar_chart

SVG = "{http://www.w3.org/2000/svg}"


def test_a_bar_chart_names_itself_and_scales_to_the_largest_value():
    svg = ElementTree.fromstring(str(bar_chart([("Een", 5), ("Twee", 10)], title="Aanvragen per programma")))
    assert svg.get("role") == "img" and svg.get("aria-label") == "Aanvragen per programma"
    assert svg.find(f"{SVG}title").text == "Aanvragen per programma"
    widths = [float(rect.get("width")) for rect in svg.iter(f"{SVG}rect")]
    assert widths[1] == 2 * widths[0] > 0
    assert bar_chart([], title="Niets") == ""


def test_a_long_label_is_cut_with_an_ellipsis_and_a_short_one_kept():
    long = "Oostgrens en Oekraïne: partnerschappen voor wederopbouw"
    svg = ElementTree.fromstring(str(bar_chart([(long, Decimal("615000.00")), ("Mensenrechtenfonds", 1)], title="T")))
    labels = [text.text for text in svg.iter(f"{SVG}text")]
    assert labels[0].endswith("…") and len(labels[0]) == LABEL_CHARACTERS and long.startswith(labels[0][:-1])
    assert "Mensenrechtenfonds" in labels and "615.000,00" in labels
