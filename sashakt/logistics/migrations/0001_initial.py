# The app's first step, empty: the helpers that build its parts each add a migration on top.
from django.db import migrations


class Migration(migrations.Migration):
    initial = True
    dependencies: list = []
    operations: list = []
