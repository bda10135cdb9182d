import Testing
@testable import CFNChangeSet
