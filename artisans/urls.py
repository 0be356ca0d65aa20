from django.urls import path

from artisans import views

app_name = "artisans"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("profile/", views.profile_edit, name="profile-edit"),
    path("profile/photos/", views.profile_photos, name="profile-photos"),
    path("profile/photos/<int:photo_id>/delete/", views.workshop_photo_delete, name="workshop-photo-delete"),
    path("profile/photos/<int:photo_id>/move/", views.workshop_photo_move, name="workshop-photo-move"),
    path("profile/photos/<int:photo_id>/describe/", views.workshop_photo_describe, name="workshop-photo-describe"),
    path("preview/", views.preview, name="preview"),
    path("products/", views.product_list, name="product-list"),
    path("products/new/", views.product_create, name="product-create"),
    path("products/<uuid:public_id>/", views.product_edit, name="product-edit"),
    path("products/<uuid:public_id>/status/", views.product_status, name="product-status"),
    path("products/<uuid:public_id>/delete/", views.product_delete, name="product-delete"),
    path("products/<uuid:public_id>/photos/", views.product_photos, name="product-photos"),
    path(
        "products/<uuid:public_id>/photos/<int:photo_id>/delete/",
        views.product_photo_delete, name="product-photo-delete",
    ),
    path(
        "products/<uuid:public_id>/photos/<int:photo_id>/move/",
        views.product_photo_move, name="product-photo-move",
    ),
    path(
        "products/<uuid:public_id>/photos/<int:photo_id>/describe/",
        views.product_photo_describe, name="product-photo-describe",
    ),
]
