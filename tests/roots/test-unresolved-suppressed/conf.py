extensions = ["sphinxext.obsidian"]
exclude_patterns = ["_build"]
suppress_warnings = ["obsidian.unresolved"]
