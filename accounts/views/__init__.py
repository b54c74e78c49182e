"""Views of the staff login and account pages, one module per step."""
