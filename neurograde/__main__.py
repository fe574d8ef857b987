"""``python -m neurograde``: the same command line as the ``neurograde`` script."""

from neurograde.cli import main

raise SystemExit(main())
