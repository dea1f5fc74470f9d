project = "before and after"
extensions = ["sphinxext.obsidian"]
html_theme = "furo"
