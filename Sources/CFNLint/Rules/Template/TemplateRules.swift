import CFNTemplate

/// The namespace of the Template rules and what more than one of them uses.
enum TemplateRules {}
