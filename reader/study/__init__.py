"""Study: notes and anchoring, deck and scheduling, word status, stats, export. Pure: no UI imports."""
