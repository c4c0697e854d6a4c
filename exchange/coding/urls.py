from django.urls import path

from exchange.coding import views

app_name = "coding"
urlpatterns = [
    path("", views.workbench, name="workbench"),
    path("excerpts/<int:pk>/", views.excerpt, name="excerpt"),
    path("codebook/", views.codebook, name="codebook"),
    path("codes/<int:pk>/", views.code, name="code"),
    path("export/project.qdpx", views.export_project, name="export_project"),
    path("export/codebook.qdc", views.export_codebook, name="export_codebook"),
]
