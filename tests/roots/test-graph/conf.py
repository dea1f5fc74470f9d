extensions = ["sphinxext.obsidian"]
exclude_patterns = ["_build"]
