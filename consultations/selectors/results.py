"""Results figures (to be written)."""


def consultation_results(*, consultation):
    return None
