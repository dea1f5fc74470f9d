extensions = ["sphinxext.obsidian"]
exclude_patterns = ["_build"]
obsidian_property_links = {"videoId": "https://www.youtube.com/watch?v={value}"}
