"""Scenario files, one concern per module.

- ``problems``: ``Problem`` and ``ScenarioError``, what every step reports with;
- ``read``: bytes to text (size, UTF-8, byte order mark) and text to TOML data;
- ``lines``: where a field path sits in the text, so problems can name a line;
- ``shape``: plain data against the declaration in ``explainer.schema`` (types, ids,
  amounts, bounds, control characters);
- ``refs``: what a schema cannot say (undeclared domains, unknown sources, m > n,
  shares that do not add up, time order);
- ``build``: checked data to the model's frozen dataclasses.

``explainer.loader`` puts them together (``load``, ``check_file``...) and is what the
rest of the program imports.
"""
