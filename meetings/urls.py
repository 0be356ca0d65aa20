from django.urls import path

from meetings import views

app_name = "meetings"

urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("availability/", views.availability, name="availability"),
    path("availability/<str:kind>/<int:pk>/delete/", views.availability_delete, name="availability-delete"),
    path("request/<slug:artisan_slug>/", views.request_create, name="request-create"),
    path("<uuid:public_id>/", views.meeting_detail, name="detail"),
    path("<uuid:public_id>/calendar.ics", views.meeting_calendar, name="ics"),
    path("<uuid:public_id>/messages/", views.meeting_message, name="message"),
    path("<uuid:public_id>/outcome/", views.meeting_outcome, name="outcome"),
    path("<uuid:public_id>/place/<str:action>/", views.place_action, name="place"),
    path("<uuid:public_id>/<str:action>/", views.meeting_action, name="action"),
]
