extensions = ["myst_nb", "sphinxext.obsidian"]
exclude_patterns = ["_build"]
# the notebooks keep the outputs they were saved with
nb_execution_mode = "off"
# a dict of this project's own: Sphinx adds the suffixes extensions register to
# the value it is given, and its default is one object for every build in a
# process, so that a test build run earlier would have mapped ``.md`` already
source_suffix = {".rst": "restructuredtext"}
