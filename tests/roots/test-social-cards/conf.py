extensions = ["sphinxext.obsidian", "sphinxext.opengraph"]
exclude_patterns = ["_build"]
ogp_site_url = "https://example.org/"
