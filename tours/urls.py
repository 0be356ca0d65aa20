from django.urls import path

from tours import views

app_name = "tours"

urlpatterns = [
    path("", views.my_tours, name="mine"),
    path("<uuid:public_id>/", views.itinerary, name="itinerary"),
    path("<uuid:public_id>/itinerary.pdf", views.itinerary_pdf, name="itinerary-pdf"),
    path("<uuid:public_id>/itinerary.ics", views.itinerary_calendar, name="itinerary-ics"),
    path("stops/<uuid:public_id>/", views.stop_detail, name="stop"),
    path("stops/<uuid:public_id>/outcome/", views.stop_outcome, name="stop-outcome"),
    path("stops/<uuid:public_id>/deal/", views.stop_deal, name="stop-deal"),
    path("hosting/", views.host_stops, name="host"),
    path("hosting/<uuid:public_id>/<slug:action>/", views.host_answer, name="host-answer"),
    path("hosting/workshops/<uuid:public_id>/", views.host_locate, name="host-locate"),
    path("<uuid:public_id>/plan/", views.plan, name="plan"),
    path("<uuid:public_id>/plan/run/", views.plan_run, name="plan-run"),
    path("<uuid:public_id>/plan/runs/<uuid:run_id>/", views.plan_run_status, name="plan-run-status"),
    path("<uuid:public_id>/plan/send/", views.plan_send, name="plan-send"),
    path("<uuid:public_id>/plan/stops/<uuid:stop_id>/<slug:action>/", views.plan_stop, name="plan-stop"),
]
