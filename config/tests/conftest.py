# The personas of the project's tests (gonghui/conftest.py), for the pages a signed-in person opens.
from gonghui.conftest import _persona_tree, login, personas, tree  # noqa: F401
