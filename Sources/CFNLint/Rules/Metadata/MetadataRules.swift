import CFNTemplate

/// The namespace of the Metadata rules and what more than one of them uses.
enum MetadataRules {}
