"""``python -m wizard`` behaves exactly like the ``email-setup-wizard`` command."""

from wizard.cli.main import main

raise SystemExit(main())
