"""The open-data files: full dumps of the public datasets, written nightly
(home.open_data.publish), listed on /open-data/ and in the API."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OpenDataFile(models.Model):
    """One file of one dataset, in one format; replaced at every publication."""

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        JSON = "json", "JSON"

    dataset = models.SlugField(_("Dataset"), max_length=50)
    format = models.CharField(_("Format"), max_length=4, choices=Format.choices)
    file = models.FileField(_("File"), upload_to="open-data/", max_length=200)
    rows = models.PositiveIntegerField(_("Rows"))
    size = models.PositiveBigIntegerField(_("Size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    published_at = models.DateTimeField(_("Published at"))

    class Meta:
        ordering = ["dataset", "format"]
        verbose_name = _("Open-data file")
        verbose_name_plural = _("Open-data files")
        constraints = [
            models.UniqueConstraint(
                fields=["dataset", "format"], name="open_data_file_unique"
            ),
        ]

    def __str__(self):
        return f"{self.dataset}.{self.format}"
