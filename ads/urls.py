from django.urls import path

from ads import public_views, views

app_name = "ads"

urlpatterns = [
    # For readers.
    path("directory/", public_views.directory, name="directory"),
    path("directory/<int:pk>/", public_views.directory_detail, name="directory_detail"),
    path("go/<int:pk>/", public_views.click, name="click"),
    # For advertisers.
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("password-reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("password-reset/sent/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password-reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("", views.dashboard, name="dashboard"),
    path("listings/new/", views.listing_create, name="listing_create"),
    path("listings/<int:pk>/", views.listing_detail, name="listing"),
    path("listings/<int:pk>/edit/", views.listing_edit, name="listing_edit"),
    path("listings/<int:pk>/submit/", views.listing_submit, name="listing_submit"),
    path("listings/<int:pk>/withdraw/", views.listing_withdraw, name="listing_withdraw"),
    path("listings/<int:pk>/pause/", views.listing_pause, name="listing_pause"),
    path("listings/<int:pk>/resume/", views.listing_resume, name="listing_resume"),
    path("listings/<int:pk>/figures/", views.listing_figures, name="listing_figures"),
]
