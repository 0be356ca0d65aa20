from django.urls import path

from catalog import views

app_name = "catalog"

urlpatterns = [
    path("", views.artisan_list, name="artisan-list"),
    path("products/", views.product_list, name="product-list"),
    path("products/<uuid:public_id>/", views.product_detail, name="product-detail"),
    path("artisans/<slug:slug>/", views.artisan_detail, name="artisan-detail"),
]
