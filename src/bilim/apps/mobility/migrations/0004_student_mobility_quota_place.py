"""Quota places on the file: the place every selected file holds is marked on it (``quota_taken``; an agreement's
yearly quota in ``quota_place``), and the DB forbids a place outside the selected states.

Before this, an individually selected file took a place of its call without being marked, so its withdrawal never
gave it back. The data step marks every file of a call that already holds one (selected and not ended before the
mobility), clears stray markers, and recomputes each call's ``quota_used`` from the files that hold a place — the
places leaked by such withdrawals come back. Agreement quotas were never counted before; they start from the files
marked from now on (their ``used`` is recomputed from ``quota_place``, i.e. zero).
"""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import Count, Q

NO_PLACE = ["DRAFT", "APPLIED", "DOCS_COMPLETE", "IN_SELECTION", "NOT_SELECTED", "WITHDRAWN", "HOST_DECLINED", "CANCELLED"]


def mark_places(apps, schema_editor):  # noqa: ANN001
    Mobility = apps.get_model("mobility", "StudentMobility")
    Call = apps.get_model("mobility", "Call")
    Quota = apps.get_model("mobility", "AgreementQuota")
    Mobility.objects.filter(Q(state__in=NO_PLACE) | Q(call__isnull=True)).update(quota_taken=False)  # quota_place is new: NULL everywhere
    Mobility.objects.filter(call__isnull=False).exclude(state__in=NO_PLACE).update(quota_taken=True)
    for call in Call.objects.annotate(n=Count("applications", filter=Q(applications__quota_taken=True))):
        used = min(call.n, call.quota)  # more holders than places can only come from hand edits: `mobility_check_places` lists them
        if call.quota_used != used:
            Call.objects.filter(pk=call.pk).update(quota_used=used)
    Quota.objects.update(used=0)


def unmark(apps, schema_editor):  # noqa: ANN001
    pass


class Migration(migrations.Migration):

    dependencies = [
        ('governance', '0001_initial'),
        ('mobility', '0003_office_support'),
        ('org', '0001_initial'),
        ('people', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='studentmobility',
            name='quota_place',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='holders', to='mobility.agreementquota', verbose_name='agreement quota place'),
        ),
        migrations.AlterField(
            model_name='studentmobility',
            name='quota_taken',
            field=models.BooleanField(default=False, verbose_name='holds a quota place'),
        ),
        migrations.RunPython(mark_places, unmark),
        migrations.AddConstraint(
            model_name='studentmobility',
            constraint=models.CheckConstraint(condition=models.Q(('quota_place__isnull', True), models.Q(('call__isnull', True), ('quota_taken', True)), _connector='OR'), name='mob_place_one_quota'),
        ),
        migrations.AddConstraint(
            model_name='studentmobility',
            constraint=models.CheckConstraint(condition=models.Q(('quota_taken', False), ('call__isnull', False), ('quota_place__isnull', False), _connector='OR'), name='mob_place_has_quota'),
        ),
        migrations.AddConstraint(
            model_name='studentmobility',
            constraint=models.CheckConstraint(condition=models.Q(('quota_taken', False), models.Q(('state__in', ['DRAFT', 'APPLIED', 'DOCS_COMPLETE', 'IN_SELECTION', 'NOT_SELECTED', 'WITHDRAWN', 'HOST_DECLINED', 'CANCELLED']), _negated=True), _connector='OR'), name='mob_place_only_while_selected'),
        ),
    ]
