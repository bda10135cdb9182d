import Testing
@testable import CFNIntrinsics
