# State only (no SQL): the workshop photo's fields now come from common.photos.models.OrderedPhoto,
# whose originals and renditions are named by functions there instead of fixed folders.

import common.photos.models
from django.db import migrations, models


def rendition_field():
    return models.ImageField(blank=True, editable=False, upload_to=common.photos.models.rendition_path)


class Migration(migrations.Migration):

    dependencies = [
        ('artisans', '0003_logo_thumb'),
    ]

    operations = [
        migrations.AlterField(
            model_name='workshopphoto',
            name='image',
            field=models.ImageField(height_field='height', upload_to=common.photos.models.original_path, verbose_name='photo', width_field='width'),
        ),
        *(
            migrations.AlterField(model_name='workshopphoto', name=name, field=rendition_field())
            for name in ('thumb', 'card', 'large')
        ),
    ]
