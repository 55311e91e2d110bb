from django.urls import path

from sashakt.logistics import views_money as views

urlpatterns = [
    path("money/", views.money_home, name="money_home"),
    path("money/claims/", views.claim_list, name="claim_list"),
    path("money/claims/new/<int:nomination_pk>/", views.claim_new, name="claim_new"),
    path("money/claims/<int:pk>/", views.claim_detail, name="claim_detail"),
    path("money/claims/<int:pk>/ticket/", views.claim_ticket, name="claim_ticket"),
    path("money/claims/<int:pk>/approve/", views.claim_approve, name="claim_approve"),
    path("money/claims/<int:pk>/refuse/", views.claim_refuse, name="claim_refuse"),
    path("money/payments.<str:fmt>", views.payment_sheet, name="payment_sheet"),
    path("money/people/<int:person_pk>/bank/", views.bank_account, name="bank_account"),
    path("money/batches/<int:pk>/", views.batch_money, name="batch_money"),
    path("money/batches/<int:pk>/costs/", views.batch_cost_add, name="batch_cost_add"),
    path(
        "money/batches/<int:pk>/costs/import/", views.batch_costs_import, name="batch_costs_import"
    ),
    path(
        "money/batches/<int:pk>/travel/<int:nomination_pk>/",
        views.travel_set,
        name="travel_set",
    ),
    path("money/mous/<int:pk>/", views.mou_money, name="mou_money"),
    path("money/mous/<int:pk>/instalments/", views.instalment_add, name="instalment_add"),
    path("money/mous/<int:pk>/invoices/", views.invoice_add, name="invoice_add"),
    path(
        "money/mous/<int:pk>/utilisation/<int:year>.<str:fmt>",
        views.utilisation,
        name="utilisation",
    ),
]
