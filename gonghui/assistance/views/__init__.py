"""Pages of the assistance module. Each view parses, calls selectors or one action, renders."""
