extensions = ["sphinxext.obsidian"]
exclude_patterns = ["_build"]
language = "de"
locale_dirs = ["locale"]
