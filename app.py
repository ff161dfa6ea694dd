"""Brede Welvaart Dashboard Drenthe: entry point (`streamlit run app.py`)."""

import streamlit as st

from dashboard.config import ConfigError
from dashboard.errors import DataError
from dashboard.store import coverage, load_store

st.set_page_config(page_title="Brede welvaart Drenthe", layout="wide")


@st.cache_resource(show_spinner="Gegevens laden…")
def get_store():
    return load_store()


st.title("Brede welvaart Drenthe")
try:
    store = get_store()
except (DataError, ConfigError) as exc:
    st.error(f"Het dashboard kan de gegevens niet laden.\n\n{exc}")
    st.stop()

cov = coverage(store)
st.write(f"{len(store.catalog)} indicatoren in {len(store.catalog.by_theme())} thema's.")
st.dataframe(cov, hide_index=True)
st.caption("Bron: CBS (CC BY 4.0); Sociale Agenda Drenthe, jaarverslag 2024.")
