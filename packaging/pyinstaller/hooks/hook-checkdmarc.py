"""checkdmarc's data files for the bundle: it reads ``resources/MVACAs.pem`` (BIMI's
certificate authorities) when it is imported, which the domain check does."""

from __future__ import annotations

from PyInstaller.utils.hooks import collect_data_files

datas = collect_data_files("checkdmarc")
