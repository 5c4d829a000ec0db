from django.conf import settings


def site(request):
    return {
        "NEUTRAL_NAME": settings.NEUTRAL_NAME,
        "QUICK_EXIT_URL": settings.QUICK_EXIT_URL,
    }
