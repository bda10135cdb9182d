import Testing
@testable import CFNGraph
