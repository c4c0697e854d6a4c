from tests.access.world import build_world
from tests.worlds import shared_world

# Built once per test process, with its pages indexed as production indexes them: the search
# pages answer every role with results to render, as before the sweeps were split.
access_world = shared_world("access_world", build_world, indexed=True)
