import pytest


@pytest.fixture(autouse=True)
def indexing(search_index):
    """Every test of search runs with indexing on, as production does."""
