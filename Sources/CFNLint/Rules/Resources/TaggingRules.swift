import CFNSchema
import CFNTemplate

/// Resource tags in the list form most types take (`[{Key, Value}]`), checked on their own as
/// cfn-lint does, next to the general schema checks (E3012, E3003) that may report the same place.
enum TaggingRules {}
