extensions = ["sphinxext.obsidian"]
exclude_patterns = ["_build"]
project = "Waves"
html_static_path = ["_static"]
# a stand-in for MathJax (no network in tests), configured as a site would
mathjax_path = "stub-mathjax.js"
mathjax3_config = {"tex": {"tags": "ams"}}
mathjax_options = {"referrerpolicy": "no-referrer"}
