"""``python -m wizard`` behaves exactly like the ``email-setup-wizard`` command."""

from wizard.launcher import main

raise SystemExit(main())
