import CFNTemplate

/// The namespace of the Resources rules and what more than one of them uses.
enum ModuleRules {}
