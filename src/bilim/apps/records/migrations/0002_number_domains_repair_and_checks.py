"""Repair stored numbers, then add the CHECK constraints of the number domains (records).

Before the one parsing path (``bilim.apps.core.numbers``) a typed ``NaN``, ``Infinity`` or ``1e999999``
could be stored (SQLite keeps it as text or an infinite REAL, PostgreSQL keeps ``NaN``) and broke every
page that read the row. ``repair`` runs FIRST and, for the midterm, final, score (0–100) and coefficient (0–4) of grades
(and every other Decimal column of the app, for finiteness and its digits), replaces a stored value that
is not finite, does not fit the column's digits or lies outside the domain: by NULL where the column is
nullable, otherwise by the nearest value inside the domain (0 for a lower bound of 0, the column's
smallest step — 0.1 ECTS — where the bound is strict, the top where the value is too large). Each change
is logged by the ``bilim.repair`` logger with the table, the row, the old text and the new value.
The constraints then hold every row from now on; their upper bounds also refuse NaN/Infinity.
"""

from decimal import Decimal

from django.db import migrations, models

from bilim.apps.core.number_repair import Range, repair_numbers

RANGES = {"grade": {"midterm": Range(Decimal(0), Decimal(100)), "final": Range(Decimal(0), Decimal(100)),
                  "score": Range(Decimal(0), Decimal(100)), "coefficient": Range(Decimal(0), Decimal(4))}}


def repair(apps, schema_editor):
    repair_numbers(apps, schema_editor, "records", RANGES)


class Migration(migrations.Migration):

    dependencies = [
        ('records', '0001_initial'),
    ]

    operations = [
        migrations.RunPython(repair, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='grade',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('midterm__gte', 0), ('midterm__lte', 100)), ('midterm__isnull', True), _connector='OR'), name='grade_midterm_0_100'),
        ),
        migrations.AddConstraint(
            model_name='grade',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('final__gte', 0), ('final__lte', 100)), ('final__isnull', True), _connector='OR'), name='grade_final_0_100'),
        ),
        migrations.AddConstraint(
            model_name='grade',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('coefficient__gte', 0), ('coefficient__lte', 4)), ('coefficient__isnull', True), _connector='OR'), name='grade_coefficient_0_4'),
        ),
    ]
