"""Allow ``python -m explainer``."""

from explainer.cli import main

raise SystemExit(main())
