extensions = ["sphinxext.obsidian"]
exclude_patterns = ["_build"]
html_theme = "basic"
