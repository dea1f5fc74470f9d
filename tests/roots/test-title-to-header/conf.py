extensions = ["sphinxext.obsidian"]
myst_title_to_header = True
