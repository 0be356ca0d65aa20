from django.urls import path

from fairs import views

app_name = "fairs"

urlpatterns = [
    path("<slug:slug>/", views.site, name="site"),
    path("<slug:slug>/plan/", views.plan, name="plan"),
    path("<slug:slug>/plan.pdf", views.plan_pdf, name="plan-pdf"),
    path("<slug:slug>/stand-application/", views.apply, name="apply"),
    path("<slug:slug>/countries/<slug:delegation>/", views.delegation, name="delegation"),
    path("<slug:slug>/exhibitors/<slug:artisan>/", views.exhibitor, name="exhibitor"),
    path("<slug:slug>/exhibitors/<slug:artisan>/labels.pdf", views.labels, name="labels"),
    path("<slug:slug>/products/<uuid:public_id>/", views.product, name="product"),
]
