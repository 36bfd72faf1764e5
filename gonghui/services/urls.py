from django.urls import path

from .views import bookings, cases, centres, worker

app_name = "services"
urlpatterns = [
    # Officers: centres, providers, schedules, bookings.
    path("", centres.centre_list, name="index"),
    path("centres/new/", centres.centre_create, name="centre_create"),
    path("centres/<int:centre_id>/", centres.centre_detail, name="centre"),
    path("centres/<int:centre_id>/supervisor/", centres.centre_supervisor, name="centre_supervisor"),
    path("centres/<int:centre_id>/rooms/new/", centres.room_create, name="room_create"),
    path("centres/<int:centre_id>/services/new/", centres.service_create, name="service_create"),
    path("centres/<int:centre_id>/providers/new/", centres.provider_create, name="provider_create"),
    path("centres/<int:centre_id>/holidays/new/", centres.holiday_create, name="holiday_create"),
    path("centres/<int:centre_id>/knowledge/new/", centres.article_create, name="article_create"),
    path("providers/<int:provider_id>/", centres.provider_detail, name="provider"),
    path("providers/<int:provider_id>/schedules/new/", centres.schedule_create, name="schedule_create"),
    path("providers/<int:provider_id>/schedules/end/", centres.schedule_end, name="schedule_end"),
    path("providers/<int:provider_id>/exceptions/new/", centres.exception_create, name="exception_create"),
    path("providers/<int:provider_id>/units/", centres.provider_units, name="provider_units"),
    path("bookings/", bookings.booking_list, name="bookings"),
    path("bookings/new/", bookings.booking_create_for, name="booking_create_for"),
    path("knowledge/<int:knowledge_id>/edit/", centres.article_edit, name="article_edit"),
    # Workers and providers.
    path("me/", worker.member_home, name="me"),
    path("book/", worker.book, name="book"),
    path("bookings/<int:booking_id>/", worker.booking_detail, name="booking"),
    path("bookings/<int:booking_id>/cancel/", worker.booking_cancel, name="booking_cancel"),
    path("bookings/<int:booking_id>/mark/", worker.booking_mark, name="booking_mark"),
    path("bookings/<int:booking_id>/feedback/", worker.booking_feedback, name="booking_feedback"),
    path("provider/", worker.provider_home, name="provider_home"),
    path("threads/", worker.thread_list, name="threads"),
    path("threads/new/", worker.thread_create, name="thread_create"),
    path("threads/<int:thread_id>/", worker.thread_detail, name="thread"),
    path("threads/<int:thread_id>/close/", worker.thread_close, name="thread_close"),
    path("knowledge/", worker.knowledge_list, name="knowledge"),
    path("knowledge/<int:knowledge_id>/", worker.knowledge_detail, name="knowledge_detail"),
    # Rights cases.
    path("cases/", cases.case_list, name="cases"),
    path("cases/new/", cases.case_create, name="case_create"),
    path("cases/stats/", cases.case_stats_page, name="case_stats"),
    path("cases/stats/export/", cases.case_stats_export, name="case_stats_export"),
    path("cases/<int:case_id>/", cases.case_detail, name="case"),
    path("cases/<int:case_id>/advance/", cases.case_advance, name="case_advance"),
    path("cases/<int:case_id>/close/", cases.case_close, name="case_close"),
]
