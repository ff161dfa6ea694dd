"""Helpers shared by test modules: ``apptest`` for Streamlit's AppTest. Test modules import
from here, never from one another."""
