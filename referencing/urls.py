from django.urls import path

from referencing import views

app_name = "referencing"

urlpatterns = [
    path("", views.round_list, name="rounds"),
    path("rounds/<uuid:public_id>/", views.round_detail, name="round"),
    path("candidates/<uuid:public_id>/score/", views.candidate_score, name="score"),
    path("candidates/<uuid:public_id>/trial-order/", views.candidate_trial, name="trial"),
    path("retailers/<uuid:public_id>/reorder/", views.reorder, name="reorder"),
    path("mine/", views.artisan_candidacies, name="artisan"),
    path("mine/rounds/<uuid:public_id>/<str:item>/", views.checklist_tick, name="tick"),
    path("mine/candidates/<uuid:public_id>/withdraw/", views.candidate_withdraw, name="withdraw"),
]
