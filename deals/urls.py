from django.urls import path

from deals import change_views, document_views, entry_views, start_views, terms_views, views

app_name = "deals"

urlpatterns = [
    path("", views.deal_list, name="list"),
    path("confirm/<str:token>/", views.inquiry_confirm, name="confirm"),
    path("follow-ups/<uuid:public_id>/", views.followup_detail, name="followup"),
    path("follow-ups/answer/<str:token>/", views.followup_link, name="followup-link"),
    path("products/<uuid:public_id>/", start_views.product_start, name="start"),
    path("products/<uuid:public_id>/inquire/", start_views.product_inquire, name="inquire"),
    path("products/<uuid:public_id>/sample/", start_views.product_sample, name="sample"),
    path("products/<uuid:public_id>/order/", start_views.product_order, name="order"),
    path("products/<uuid:public_id>/ask/", start_views.public_inquire, name="public-inquire"),
    path("artisans/<slug:slug>/ask/", entry_views.public_artisan_inquire, name="public-inquire-artisan"),
    path("shortlist/<slug:slug>/", entry_views.shortlist_inquire, name="shortlist-inquire"),
    path("meetings/<uuid:public_id>/", entry_views.meeting_start, name="meeting-start"),
    path("meetings/<uuid:public_id>/inquire/", entry_views.meeting_inquire, name="meeting-inquire"),
    path("meetings/<uuid:public_id>/sample/", entry_views.meeting_sample, name="meeting-sample"),
    path("terms/", terms_views.deal_terms, name="terms"),
    path("terms/products/<uuid:public_id>/", terms_views.product_terms, name="product-terms"),
    path("<uuid:public_id>/", views.deal_detail, name="detail"),
    path("<uuid:public_id>/quote/", start_views.deal_quote, name="quote"),
    path("<uuid:public_id>/quotes/<int:pk>/pdf/", document_views.quote_pdf, name="quote-pdf"),
    path("<uuid:public_id>/orders/<int:pk>/proforma/", document_views.order_proforma, name="order-proforma"),
    path(
        "<uuid:public_id>/orders/<int:pk>/packing-list/",
        document_views.order_packing_list,
        name="order-packing-list",
    ),
    path("<uuid:public_id>/messages/", views.deal_message, name="message"),
    path("<uuid:public_id>/files/<uuid:attachment_id>/", views.deal_attachment, name="attachment"),
    path("<uuid:public_id>/quotes/<int:pk>/order/", start_views.quote_order, name="quote-order"),
    path("<uuid:public_id>/orders/<int:pk>/changes/", change_views.order_changes, name="order-changes"),
    path("<uuid:public_id>/samples/<int:pk>/order/", change_views.sample_order, name="sample-order"),
    path("<uuid:public_id>/samples/<int:pk>/quote/", change_views.sample_quote, name="sample-quote"),
    path("<uuid:public_id>/<str:subject>/<int:pk>/<str:action>/", views.deal_action, name="action"),
]
