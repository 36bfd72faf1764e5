from django.urls import path

from . import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("sign-in/", views.sign_in, name="sign_in"),
    path("sign-in/device/", views.device_check, name="device_check"),
    path("devices/", views.devices, name="devices"),
    path("devices/<int:device_id>/forget/", views.device_forget, name="device_forget"),
    # joining online
    path("join/", views.join_new, name="join"),
    path("join/<int:application_id>/", views.join_detail, name="join_detail"),
    path("join/<int:application_id>/resubmit/", views.join_resubmit, name="join_resubmit"),
    path("join/<int:application_id>/withdraw/", views.join_withdraw, name="join_withdraw"),
    path("join/<int:application_id>/transfer/", views.join_transfer, name="join_transfer"),
    path("join/<int:application_id>/approve/", views.join_approve, name="join_approve"),
    path("join/<int:application_id>/send-back/", views.join_send_back, name="join_send_back"),
    path("joins/", views.joins, name="joins"),
    # the card
    path("card/", views.card, name="card"),
    path("card/code/", views.card_code, name="card_code"),
    path("card/issue/", views.card_issue, name="card_issue"),
    path("scan/", views.scan, name="scan"),
    # requests for help
    path("ask/", views.request_new, name="request_new"),
    path("mine/requests/", views.my_requests, name="my_requests"),
    path("requests/", views.requests, name="requests"),
    path("requests/stats/", views.request_stats, name="request_stats"),
    path("requests/export/", views.request_export, name="request_export"),
    path("requests/<int:request_id>/", views.request_detail, name="request_detail"),
    path("requests/<int:request_id>/answer/", views.request_answer, name="request_answer"),
    path("requests/<int:request_id>/escalate/", views.request_escalate, name="request_escalate"),
    path("requests/<int:request_id>/case/", views.request_to_case, name="request_to_case"),
    path("requests/<int:request_id>/hardship/", views.request_to_hardship, name="request_to_hardship"),
    path("requests/<int:request_id>/rate/", views.request_rate, name="request_rate"),
    # service places
    path("places/", views.places, name="places"),
    path("places/manage/", views.places_admin, name="places_admin"),
    path("places/new/", views.place_new, name="place_new"),
    path("places/<int:place_id>/edit/", views.place_edit, name="place_edit"),
    path("places/<int:place_id>/close/", views.place_close, name="place_close"),
    # which union takes the workers of a trade without a fixed employer
    path("trade-routes/", views.trade_routes, name="trade_routes"),
    path("trade-routes/new/", views.trade_route_new, name="trade_route_new"),
    path("trade-routes/<int:route_id>/edit/", views.trade_route_edit, name="trade_route_edit"),
    path("trade-routes/<int:route_id>/remove/", views.trade_route_remove, name="trade_route_remove"),
]
