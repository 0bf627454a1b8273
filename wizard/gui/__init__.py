"""The desktop face of the wizard (PySide6): pages that present what the engine finds.

Nothing in ``wizard`` outside this package imports Qt.
"""
