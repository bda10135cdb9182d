import Testing
@testable import CFNLint
