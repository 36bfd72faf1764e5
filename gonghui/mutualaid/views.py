def home(request):
    pass


def me(request):
    pass
