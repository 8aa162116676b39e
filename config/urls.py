from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from home import csp_reports, phone_views
from home import views as home_views
from home.page_serving import serve_page
from home.twofactor import views as twofactor_views

urlpatterns = [
    # Both admin logins go through allauth (rate limits, two-factor).
    path("admin/login/", home_views.admin_login_redirect),
    path("django-admin/login/", home_views.admin_login_redirect),
    path("admin/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("sitemap.xml", sitemap),
    path("robots.txt", home_views.robots_txt),
    path("csp-report/", csp_reports.csp_report, name="csp_report"),
    # The JSON API, versioned (config/api.py); not translated: one URL per resource.
    path("api/v1/", include("config.api")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Chinese at /, English at /en/.
urlpatterns += i18n_patterns(
    # allauth's two-factor set-up, returning to the privileged screen that sent
    # the user there (home/twofactor).
    path(
        "accounts/2fa/totp/activate/",
        twofactor_views.activate_totp,
        name="mfa_activate_totp",
    ),
    path(
        "accounts/2fa/recovery-codes/",
        twofactor_views.view_recovery_codes,
        name="mfa_view_recovery_codes",
    ),
    # allauth's change-phone page, returning to the page that asked for a
    # verified mobile number (home/phone_views.py).
    path(
        "accounts/phone/change/", phone_views.change_phone, name="account_change_phone"
    ),
    path("accounts/", include("allauth.urls")),
    path("", include("home.urls")),
    path("consultations/", include("consultations.urls")),
    # The 12319 line's requests: /requests/… and /me/requests/.
    path("", include("consultations.hotline.urls")),
    path("volunteers/", include("volunteers.urls")),
    # Pages in the visitor's language, a Chinese page where there is no
    # translation (home/page_serving.py). Wagtail's pattern, under Wagtail's
    # name (translate_url and the language switcher resolve it by name). Wagtail's
    # own utility views (_util/login/ for private pages …) stay Wagtail's.
    re_path(r"^(?!_util/)((?:[\w\-]+/)*)$", serve_page, name="wagtail_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
