extensions = ["sphinxext.obsidian"]
exclude_patterns = ["_build"]
myst_enable_extensions = ["colon_fence"]
