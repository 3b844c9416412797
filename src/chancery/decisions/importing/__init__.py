"""Importing a government's history (issue 22): `chancery import-decisions PATH`.

One reader per format turns a file into plain records (`records.py`): `ori` (Open Raadsinformatie /
Notubiz meeting JSON), `rdfa` (HTML with RDFa, read by our RDFa processor) with `lblod` (the OSLO
decision vocabulary into records), `eli` (ELI in N-Triples or Turtle). `service` checks the records
and writes them through the decision-making services."""
