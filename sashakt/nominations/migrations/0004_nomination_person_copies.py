from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("nominations", "0003_nomination_not_completed"),
    ]

    operations = [
        migrations.AddField(
            model_name="nomination",
            name="gender",
            field=models.CharField(blank=True, choices=[("F", "Female"), ("M", "Male"), ("O", "Other")], max_length=1, verbose_name="gender"),
        ),
        migrations.AddField(
            model_name="nomination",
            name="social_category",
            field=models.CharField(blank=True, choices=[("SC", "Scheduled Caste (SC)"), ("ST", "Scheduled Tribe (ST)"), ("OBC", "Other Backward Class (OBC)"), ("GEN", "General")], max_length=3, verbose_name="social category"),
        ),
    ]
