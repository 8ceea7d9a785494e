"""One module per screen of the app (modes and dialogs)."""
