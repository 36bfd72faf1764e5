"""The kernel: what every module stands on, and nothing that names a module.

It imports Django and the standard library, never a gonghui app. The scope rule, the audit
call, the one refusal type, cleaning of typed values, the workflow engine, the action decorator,
abilities, the web helpers (one view skeleton, downloads, exports), official codes, encrypted
fields and the module registry live here. Models that store what the kernel does (the audit log,
jobs) live in the `core` app; the organisation model is named by `settings.GONGHUI_ORG_MODEL`.
"""
