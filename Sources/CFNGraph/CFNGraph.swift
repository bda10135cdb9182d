// The CFNGraph layer; see docs/ARCHITECTURE.md.
