extensions = ["sphinxext.obsidian"]
exclude_patterns = ["_build", "extra"]
html_extra_path = ["extra"]
obsidian_redirects_file = "_redirects.json"
