// The CFNPackage layer; see docs/ARCHITECTURE.md.
