project = "hostile notes"
extensions = ["sphinxext.obsidian"]
obsidian_property_links = {
    "site": "{value}",
    "video": "https://www.youtube.com/watch?v={value}",
    "bad": " JavaScript:alert({value})",
}
