"""Repair stored numbers, then add the CHECK constraints of the number domains (postgrad).

Before the one parsing path (``bilim.apps.core.numbers``) a typed ``NaN``, ``Infinity`` or ``1e999999``
could be stored (SQLite keeps it as text or an infinite REAL, PostgreSQL keeps ``NaN``) and broke every
page that read the row. ``repair`` runs FIRST and, for the ECTS (> 0) and converted score (0–100) of host grades
(and every other Decimal column of the app, for finiteness and its digits), replaces a stored value that
is not finite, does not fit the column's digits or lies outside the domain: by NULL where the column is
nullable, otherwise by the nearest value inside the domain (0 for a lower bound of 0, the column's
smallest step — 0.1 ECTS — where the bound is strict, the top where the value is too large). Each change
is logged by the ``bilim.repair`` logger with the table, the row, the old text and the new value.
The constraints then hold every row from now on; their upper bounds also refuse NaN/Infinity.
The JSON component scores of score sheets lose every entry that is not a finite number in 0–100; the
instructor enters it again.
"""

from decimal import Decimal

from django.db import migrations, models

from bilim.apps.core.number_repair import Range, repair_json_numbers, repair_numbers

RANGES = {"hostgrade": {"ects": Range(Decimal(0), lo_exclusive=True), "converted_score": Range(Decimal(0), Decimal(100))}}


def repair(apps, schema_editor):
    repair_numbers(apps, schema_editor, "postgrad", RANGES)
    repair_json_numbers(apps, "postgrad", "scoresheet", "scores", Range(Decimal(0), Decimal(100)))  # component scores


class Migration(migrations.Migration):

    dependencies = [
        ('postgrad', '0001_initial'),
    ]

    operations = [
        migrations.RunPython(repair, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='hostgrade',
            constraint=models.CheckConstraint(condition=models.Q(('ects__lte', Decimal('999.9'))), name='pg_host_grade_ects_finite'),
        ),
        migrations.AddConstraint(
            model_name='hostgrade',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('converted_score__gte', 0), ('converted_score__lte', 100)), ('converted_score__isnull', True), _connector='OR'), name='pg_host_grade_score_0_100'),
        ),
    ]
