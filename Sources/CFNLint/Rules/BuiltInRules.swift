/// The built-in rules. `BuiltInRules.all` is generated at build time by `RuleRegistryPlugin`
/// (Plugins/) from the rule files `Rules/<Family>/<ID>.swift`, one rule a file: adding a rule is
/// adding its file, with no list to edit.
enum BuiltInRules {}
