"""The Public Suffix List file that publicsuffixlist reads at run time (no stock hook has it).

Without it the frozen program fails the moment detection looks up an MX host's base domain.
"""

from PyInstaller.utils.hooks import collect_data_files

datas = collect_data_files("publicsuffixlist", includes=["*.dat"])
