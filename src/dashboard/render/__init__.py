"""Specs from view models (Vega-Lite, deck.gl, images); pure, no Streamlit."""
