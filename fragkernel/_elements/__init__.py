"""The element catalogue, one module per family, with Streamlit's signatures."""
