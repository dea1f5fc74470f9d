extensions = ["sphinxext.obsidian"]
exclude_patterns = ["_build"]
project = "Garden"
author = "Ada Lovelace"
