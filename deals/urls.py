from django.urls import path

from deals import views

app_name = "deals"

urlpatterns = [
    path("", views.deal_list, name="list"),
    path("confirm/<str:token>/", views.inquiry_confirm, name="confirm"),
    path("<uuid:public_id>/", views.deal_detail, name="detail"),
    path("<uuid:public_id>/<str:subject>/<int:pk>/<str:action>/", views.deal_action, name="action"),
]
