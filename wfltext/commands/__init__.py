"""Sub-commands of the ``wfltext`` command line, one module each (see :mod:`wfltext.cli`)."""
