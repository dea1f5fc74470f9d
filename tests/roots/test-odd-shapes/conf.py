extensions = ["sphinxext.obsidian"]
