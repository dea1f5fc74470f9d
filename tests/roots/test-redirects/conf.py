project = "Garden"
extensions = ["sphinxext.obsidian"]
exclude_patterns = ["_build"]
