"""The URL × role matrix (issue 11, part 8), as data: what every role gets from
every URL pattern and page route. The vocabulary (columns, cells, groups of
roles) is in tests/security/matrix_table.py; the rows are in the ``rows_*``
modules beside it, one per app; the world they run in is tests/security/world.py.
"""

from tests.security import (
    rows_accounts,
    rows_api,
    rows_consultations,
    rows_home,
    rows_hotline,
    rows_volunteers,
)

MATRIX = {
    **rows_accounts.ROWS,
    **rows_home.ROWS,
    **rows_consultations.ROWS,
    **rows_hotline.ROWS,
    **rows_volunteers.ROWS,
    **rows_api.ROWS,
}
