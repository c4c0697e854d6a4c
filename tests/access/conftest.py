from tests.access.world import build_world
from tests.worlds import shared_world

# Built once per test process, with its pages indexed as production indexes them: the search
# pages answer every role with results to render. The sweeps look at status codes only, and
# share the world's index as they did when each was one test (a copy per test cost 14 ms).
access_world = shared_world("access_world", build_world, indexed=True, index_per_test=False)
