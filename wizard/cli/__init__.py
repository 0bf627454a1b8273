"""The headless face of the wizard: a thin layer over the same engine the GUI uses."""
