def gallery_navigation(request):
    return {}
