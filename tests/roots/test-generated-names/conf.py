extensions = ["sphinxext.obsidian"]
obsidian_navigation_group_size = 3
