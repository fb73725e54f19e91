"""misp-modules expansion module `misp_report_expand`: the earlier name of `threat_report_enrichment`, kept so a
MISP that enabled it keeps working; a thin shim over the installed misp_module package."""

try:
    from misp_module.deliver.modules import expansion_module as _module
    from misp_module.deliver.modules.worker import start as _start_workers
except Exception as exc:
    # misp-modules skips a module that raises ImportError and dies on any other exception at import.
    raise ImportError(f"misp_report_expand: cannot import the misp_module package: {exc!r}") from exc

mispattributes = _module.MISPATTRIBUTES
moduleinfo = _module.MODULEINFO
moduleconfig = _module.MODULECONFIG
introspection = _module.introspection
version = _module.legacy_version
dict_handler = _module.dict_handler
handler = _module.handler

# Conversions run in child processes of a fork server that loads the MISP knowledge: start it now.
_start_workers()
