extensions = ["sphinxext.obsidian"]
exclude_patterns = ["_build"]
obsidian_sidebar_limit = 0
obsidian_sidebar_neighbours = 2
