"""The public datasets published as open data (/open-data/, /api/v1/open-data/).

Each app declares its datasets in its own ``open_data.py`` (found at publication
time by ``autodiscover_modules``, so ``home`` imports no feature app): a slug,
titles and a data dictionary in Chinese and English, and a function that yields
the rows — read through the app's selectors, so a dataset holds exactly what the
pages show to anyone (never an e-mail address, never a restricted page)."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

LICENCE_ZH = (
    "本数据依据知识共享署名 4.0 国际许可协议（CC BY 4.0）开放，"
    "使用时请注明来源“参与 Canyu 平台”。"
)
LICENCE_EN = (
    "Licensed under Creative Commons Attribution 4.0 International (CC BY 4.0): "
    "credit “Canyu (参与) platform” when you use it."
)
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"


@dataclass(frozen=True)
class Field:
    name: str
    zh: str
    en: str


@dataclass(frozen=True)
class Dataset:
    slug: str
    title_zh: str
    title_en: str
    fields: tuple[Field, ...]
    rows: Callable[[], Iterable[tuple]]


_DATASETS: dict[str, Dataset] = {}


def register(dataset: Dataset) -> Dataset:
    _DATASETS[dataset.slug] = dataset
    return dataset


def datasets() -> list[Dataset]:
    """Every registered dataset, each app's ``open_data`` module imported first."""
    from django.utils.module_loading import autodiscover_modules

    from home.open_data import core  # noqa: F401  (the core's own datasets)

    autodiscover_modules("open_data")
    return sorted(_DATASETS.values(), key=lambda dataset: dataset.slug)
