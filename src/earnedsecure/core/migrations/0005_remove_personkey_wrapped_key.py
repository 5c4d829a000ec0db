from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("core", "0004_move_person_keys_to_the_key_store")]

    operations = [migrations.RemoveField(model_name="personkey", name="wrapped_key")]
