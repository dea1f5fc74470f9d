extensions = ["sphinxext.obsidian"]
exclude_patterns = ["_build"]
language = "fr"
locale_dirs = ["locale"]
gettext_compact = False
