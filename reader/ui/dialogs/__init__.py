"""Modal dialogs: the help, the note editor and the yes / no question."""
