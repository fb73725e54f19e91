"""MISP knowledge (types, warninglists, galaxies, taxonomies): loaded once per process, compiled into indexes."""
