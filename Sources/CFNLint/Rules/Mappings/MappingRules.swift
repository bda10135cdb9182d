import CFNTemplate

/// The namespace of the Mappings rules and what more than one of them uses.
enum MappingRules {}
