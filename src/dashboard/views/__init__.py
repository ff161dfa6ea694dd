"""What each page shows: view models built from (store, ViewState); pure, no Streamlit."""
