"""Output for others: downloads (CSV/Excel), the static site and iframe snippets."""
