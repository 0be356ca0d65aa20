from django.urls import path

from visitors import views

app_name = "visitors"

urlpatterns = [
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("pass/<str:code>/", views.pass_page, name="pass"),
    path("pass/<str:code>/badge.pdf", views.badge, name="badge"),
    path("agenda/<uuid:public_id>/", views.session_detail, name="session"),
    path("agenda/<uuid:public_id>/calendar.ics", views.session_calendar, name="session-ics"),
    path("agenda/<uuid:public_id>/take/", views.seat_take, name="seat-take"),
    path("seats/<uuid:public_id>/certificate.pdf", views.certificate, name="certificate"),
    path("seats/<uuid:public_id>/<slug:action>/", views.seat_action, name="seat-action"),
    path("my-agenda/", views.my_agenda, name="my-agenda"),
    path("check-in-worker.js", views.check_in_worker, name="check-in-worker"),
    path("<slug:slug>/register/", views.register, name="register"),
    path("<slug:slug>/agenda/", views.agenda, name="agenda"),
    path("<slug:slug>/desk/", views.desk, name="desk"),
    path("<slug:slug>/check-in/", views.check_in, name="check-in"),
    path("<slug:slug>/check-in/scans/", views.scans, name="scans"),
    path("<slug:slug>/counts/", views.counts, name="counts"),
]
