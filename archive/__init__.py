"""The archive: object store, metadata database, access rules, audit trail, reuse queries."""
