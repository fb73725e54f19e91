"""misp-modules import module `threat_report_import`: a thin shim over the installed misp_module package."""

try:
    from misp_module.deliver.modules import import_module as _module
    from misp_module.deliver.modules.worker import start as _start_workers
except Exception as exc:
    # misp-modules skips a module that raises ImportError and dies on any other exception at import.
    raise ImportError(f"threat_report_import: cannot import the misp_module package: {exc!r}") from exc

moduleinfo = _module.MODULEINFO
moduleconfig = _module.MODULECONFIG
introspection = _module.introspection
version = _module.version
dict_handler = _module.dict_handler
handler = _module.handler

# Conversions run in child processes of a fork server that loads the MISP knowledge: start it now.
_start_workers()
