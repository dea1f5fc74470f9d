extensions = ["sphinxext.obsidian"]
exclude_patterns = ["_build"]
project = "Shelf"
