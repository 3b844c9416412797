"""Loading the EU consolidated financial-sanctions list: a file that conforms (read and checked by
`strategic_goods.sanctions_xml`) replaces the list in use in one transaction, audited; a file that
does not conform raises SanctionsFileError and changes nothing. And the list in use.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from chancery.core import audit
from chancery.core.models import AuditAction
from chancery.strategic_goods import sanctions_xml
from chancery.strategic_goods.models import NameAlias, SanctionedEntity, SanctionsList


def load_sanctions(path: Path, *, actor=None, source: str = "command"):
    """Replace the stored sanctions list by the file's, in one transaction; a non-conforming file
    raises SanctionsFileError and changes nothing. Returns the new SanctionsList."""
    path = Path(path)
    export = sanctions_xml.check_file(path)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    with transaction.atomic():
        previous = list(SanctionsList.objects.values("source_name", "generation_date", "entity_count"))
        SanctionsList.objects.all().delete()
        new = SanctionsList.objects.create(
            generation_date=export.generation_date,
            global_file_id=export.global_file_id,
            source_name=path.name[:300],
            sha256=digest,
            is_demo=export.is_demo,
            entity_count=len(export.entities),
        )
        rows = SanctionedEntity.objects.bulk_create(
            [
                SanctionedEntity(
                    sanctions_list=new,
                    logical_id=e.logical_id,
                    eu_reference_number=e.eu_reference_number,
                    united_nations_id=e.united_nations_id,
                    subject_type=e.subject_type,
                    programme=e.programme,
                    regulation=e.regulation,
                    designation_date=e.designation_date,
                    countries=e.countries,
                    remark=e.remark,
                )
                for e in export.entities
            ],
            batch_size=500,
        )
        if any(row.pk is None for row in rows):  # databases without RETURNING
            by_id = dict(SanctionedEntity.objects.filter(sanctions_list=new).values_list("logical_id", "pk"))
            for row in rows:
                row.pk = by_id[row.logical_id]
        NameAlias.objects.bulk_create(
            [
                NameAlias(entity_id=row.pk, **alias.__dict__)
                for row, e in zip(rows, export.entities, strict=True)
                for alias in e.aliases
            ],
            batch_size=1000,
        )
        audit.record(
            actor,
            AuditAction.CREATE,
            new,
            before={"lists": [{k: str(v) for k, v in p.items()} for p in previous]},
            after={
                "source_name": new.source_name,
                "generation_date": export.generation_date.isoformat(),
                "global_file_id": new.global_file_id,
                "entity_count": new.entity_count,
                "sha256": digest,
            },
            reason=_("Sanctions list loaded"),
            source=source,
        )
    return new


def current_list():
    return SanctionsList.objects.order_by("-pk").first()
