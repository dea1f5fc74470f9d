# no exclude_patterns: the build's own folders are left out all the same
extensions = ["sphinxext.obsidian"]
