"""Allow ``python -m explainer`` (the same guarded entry as the console script)."""

from explainer.entry import main

raise SystemExit(main())
