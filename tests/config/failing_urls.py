"""The site's URLs plus one view that fails holding personal data, for the error-report test."""

from django.db import IntegrityError
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from config.urls import urlpatterns as site_urlpatterns


@csrf_exempt  # the test posts without a form; the failure, not the token, is under test
def fail_with_personal_data(request):
    reflection = request.POST["reflection"]  # a local variable an SDK could collect
    raise IntegrityError(f"duplicate key: ({request.user.email}) wrote {reflection!r}")


urlpatterns = [path("test-failure/", fail_with_personal_data), *site_urlpatterns]
