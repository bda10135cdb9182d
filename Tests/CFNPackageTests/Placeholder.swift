import Testing
@testable import CFNPackage
