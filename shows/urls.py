from django.urls import path

from shows import views

app_name = "shows"

urlpatterns = [
    path("", views.calls, name="calls"),
    path("<uuid:public_id>/apply/", views.apply, name="apply"),
    path("applications/<uuid:public_id>/", views.application, name="application"),
    path("applications/<uuid:public_id>/leads/", views.lead_capture, name="lead-capture"),
    path("applications/<uuid:public_id>/leads/<int:lead_id>/", views.lead, name="lead"),
    path(
        "applications/<uuid:public_id>/leads/<int:lead_id>/meeting/", views.lead_meeting, name="lead-meeting"
    ),
    path(
        "applications/<uuid:public_id>/leads/<int:lead_id>/inquiry/", views.lead_inquiry, name="lead-inquiry"
    ),
    path("applications/<uuid:public_id>/stand/", views.application_stand, name="application-stand"),
    path("applications/<uuid:public_id>/samples/", views.samples_set, name="samples-set"),
    path("applications/<uuid:public_id>/<slug:action>/", views.application_action, name="application-action"),
    path(
        "applications/<uuid:public_id>/documents/<int:document_id>/",
        views.document_upload,
        name="document-upload",
    ),
    path("applications/<uuid:public_id>/samples.csv", views.samples_csv, name="samples-csv"),
    path("applications/<uuid:public_id>/samples-<slug:kind>.pdf", views.samples_document, name="samples-pdf"),
    path("press/<uuid:program_id>/", views.press_kits, name="press-kits"),
    path("press/<uuid:program_id>/<uuid:artisan_id>.zip", views.press_kit_archive, name="press-kit-zip"),
    path("press/<uuid:program_id>/<uuid:artisan_id>.pdf", views.press_kit_document, name="press-kit-pdf"),
]
