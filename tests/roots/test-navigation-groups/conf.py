extensions = ["sphinxext.obsidian"]
exclude_patterns = ["_build"]
obsidian_navigation_group_size = 3
