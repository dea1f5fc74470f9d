extensions = ["sphinxext.obsidian"]
exclude_patterns = ["_build"]
project = "Waves"
html_static_path = ["_static"]
# a stand-in for MathJax (no network in tests), configured as a site would;
# ``stubDelay``: it is ready that long after it is loaded, as MathJax is not at once
mathjax_path = "stub-mathjax.js"
mathjax3_config = {"tex": {"tags": "ams"}, "stubDelay": 600}
mathjax_options = {"referrerpolicy": "no-referrer"}
