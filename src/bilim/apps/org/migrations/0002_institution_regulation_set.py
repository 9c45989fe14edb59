"""An institution's regulation set becomes a field (it was the hard-coded code ``ktmu``).

The existing home institutions keep the rules they were run by: ``ktmu`` gets the KTMU postgraduate
instruction, ``oshsu`` the OshSU academic mobility regulation; every other row stays without one.
"""

from typing import Any

from django.db import migrations, models

EXISTING = {"ktmu": "ktmu_postgrad", "oshsu": "oshsu_mobility"}


def set_existing(apps: Any, schema_editor: Any) -> None:
    Institution = apps.get_model("org", "Institution")
    for code, regulation_set in EXISTING.items():
        Institution.objects.filter(code=code).update(regulation_set=regulation_set)


class Migration(migrations.Migration):

    dependencies = [
        ('org', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='institution',
            name='regulation_set',
            field=models.CharField(blank=True, choices=[('', 'None (partner institution)'), ('ktmu_postgrad', 'KTMU postgraduate education instruction'), ('oshsu_mobility', 'OshSU academic mobility regulation')], db_index=True, default='', max_length=20, verbose_name='regulation set'),
        ),
        migrations.RunPython(set_existing, migrations.RunPython.noop),
    ]
