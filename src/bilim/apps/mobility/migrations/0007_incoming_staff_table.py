"""Each file on its own table (catalogue §4.2, §4.5).

* An incoming staff member ran on the incoming-student table (§4.3); the §4.5 table names its states otherwise, so the
  state of every existing staff record is carried to the §4.5 state it stands for (earlier Transition rows keep the
  table they were made on).
* A long-term distance file ran on the external table, where the stay is ``ABROAD``; on the distance table it is
  ``STUDYING_ONLINE``. Every other state name is shared by the tables, so no other record changes.
* OSU-6.3-1: the fee charged for an incoming visit, recorded with its reason (0 by default).
"""

from decimal import Decimal

from django.db import migrations, models
from django.db.models import Q

STAFF_STATES = {"NOMINATION_RECEIVED": "REQUESTED", "ACCEPTED": "INVITED", "VISA_AND_MIGRATION": "INVITED", "DECLINED": "CANCELLED",
                "ARRIVED": "ON_SITE", "STUDYING": "ON_SITE", "RESULTS_ISSUED": "ON_SITE", "DEPARTED": "COMPLETED"}
STAFF_BACK = {"REQUESTED": "NOMINATION_RECEIVED", "INVITED": "ACCEPTED", "CANCELLED": "DECLINED", "ON_SITE": "ARRIVED", "COMPLETED": "DEPARTED"}
DISTANCE = Q(mode="DISTANCE") & ~Q(term="SHORT")


def forwards(apps, schema_editor):  # noqa: ANN001
    Incoming = apps.get_model("mobility", "IncomingMobility")
    for old, new in STAFF_STATES.items():
        Incoming.objects.filter(kind="STAFF", state=old).update(state=new)
    apps.get_model("mobility", "StudentMobility").objects.filter(DISTANCE, state="ABROAD").update(state="STUDYING_ONLINE")


def backwards(apps, schema_editor):  # noqa: ANN001
    Incoming = apps.get_model("mobility", "IncomingMobility")
    for new, old in STAFF_BACK.items():
        Incoming.objects.filter(kind="STAFF", state=new).update(state=old)
    apps.get_model("mobility", "StudentMobility").objects.filter(DISTANCE, state="STUDYING_ONLINE").update(state="ABROAD")


class Migration(migrations.Migration):

    dependencies = [
        ('mobility', '0006_number_domains_repair_and_checks'),
        ('org', '0002_institution_regulation_set'),
        ('people', '0002_number_domains_repair_and_checks'),
    ]

    operations = [
        migrations.AddField(
            model_name='incomingmobility',
            name='fee_amount',
            field=models.DecimalField(decimal_places=2, default=Decimal('0'), max_digits=10, verbose_name='fee charged'),
        ),
        migrations.AddField(
            model_name='incomingmobility',
            name='fee_reason',
            field=models.CharField(blank=True, max_length=300, verbose_name='reason for the fee'),
        ),
        migrations.AddConstraint(
            model_name='incomingmobility',
            constraint=models.CheckConstraint(condition=models.Q(('fee_amount__gte', 0), ('fee_amount__lte', Decimal('99999999.99'))), name='mob_incoming_fee_amount'),
        ),
        migrations.AddField(
            model_name='dltresult',
            name='debt_cleared_on',
            field=models.DateField(blank=True, null=True, verbose_name='debt closed on'),
        ),
        migrations.RunPython(forwards, backwards),
    ]
