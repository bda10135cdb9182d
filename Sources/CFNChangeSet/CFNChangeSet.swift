// The CFNChangeSet layer; see docs/ARCHITECTURE.md.
