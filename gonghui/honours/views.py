from django.contrib.auth.decorators import login_required
from django.http import HttpResponse


@login_required
def rounds(request):  # type: ignore[no-untyped-def]
    return HttpResponse("")
