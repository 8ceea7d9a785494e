"""The Textual front end. Imported only when an interactive session is opened."""
