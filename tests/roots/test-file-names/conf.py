project = "file names"
extensions = ["sphinxext.obsidian"]
