from tests.browser import browser_page  # noqa: F401  (fixtures for the browser tests here)
from tests.browser import chromium  # noqa: F401
