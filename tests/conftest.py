"""Before any test module imports them: pytest rewrites the asserts of the shared helpers
(site builds and the browser), so their failures say what differed."""

import pytest

pytest.register_assert_rewrite("sitebuild", "browsing")
