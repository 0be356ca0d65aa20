"""Photos, one home for every app: an ordered photo's model, its services, forms, admin and task.

- `kinds`: the registry. Each app registers its photo kinds (catalog's product photos, the
  artisans' workshop photos and logo), keyed by the model's label ("catalog.productphoto"):
  which field holds the original, which renditions it gets, whom an ordered photo belongs to and
  how many one owner may have.
- `models.OrderedPhoto`: the abstract ordered photo (image, size, alt text, position, renditions).
- `services`: add, move, set the alt text, delete; renditions queued after commit and made by
  `tasks.make_renditions_task`; files deleted after commit.
- `forms` and `admin`: the upload form and the admin's form, inline and mixins.

Uploads are validated and cleaned by common.images, which stays the one place for that.
"""
