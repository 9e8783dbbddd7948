"""``python -m analyser`` runs the command line."""

from analyser.cli import app

app(prog_name="analyser")
