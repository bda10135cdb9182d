// The CFNIntrinsics layer; see docs/ARCHITECTURE.md.
