// The CFNLint layer; see docs/ARCHITECTURE.md.
