"""Helpers shared by test modules: ``apptest`` for Streamlit's AppTest, ``browser`` for the
Playwright tests. Test modules import from here, never from one another; what bench/ shares
with the tests lives in ``dashboard.testing``."""
