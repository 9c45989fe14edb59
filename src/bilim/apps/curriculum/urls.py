from django.urls import path

from bilim.apps.curriculum import views

app_name = "curriculum"
urlpatterns = []
for plural, single in [("programmes", "programme"), ("courses", "course"), ("offerings", "offering"), ("terms", "term")]:
    urlpatterns += [
        path(f"{plural}/", getattr(views, f"{single}_list"), name=plural),
        path(f"{plural}/export.csv", getattr(views, f"{single}_csv"), name=f"{plural}_csv"),
        path(f"{plural}/<int:pk>/", getattr(views, f"{single}_detail"), name=single),
    ]
