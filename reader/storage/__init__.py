"""Storage: where user data lives, atomic writes and YAML files. Pure: no UI imports."""
