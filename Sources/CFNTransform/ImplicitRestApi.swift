import CFNTemplate

/// The `ServerlessRestApi` SAM creates for `Api` events without `RestApiId`: its resource attributes
/// come from the functions on it (a condition only when every function has one, combined with
/// `Fn::Or` when they differ; Retain over Snapshot over Delete for the policies).
struct ImplicitRestApi {
    static let conditionName = "ServerlessRestApiCondition"

    let routes: [ApiRoute]
    let range: SourceRange

    /// The resource node generated resources inherit attributes from; combined conditions go to `conditions`.
    func node(conditions: inout [Mapping.Entry]) -> Node {
        var pairs: [(String, Node)] = [("Type", .string("AWS::Serverless::Api", range: range))]
        let names = routes.map(\.condition)
        if !names.isEmpty, !names.contains(where: { $0 == nil }) {
            let distinct = Set(names.compactMap { $0 })
            if distinct.count == 1, let name = distinct.first {
                pairs.append(("Condition", .string(name, range: range)))
            } else {
                pairs.append(("Condition", .string(Self.conditionName, range: range)))
                conditions += CombinedCondition.make(distinct.sorted(), named: Self.conditionName, at: range)
            }
        }
        if let policy = Self.strongest(routes.compactMap(\.deletionPolicy), order: ["Retain", "Delete"]) {
            pairs.append(("DeletionPolicy", .string(policy, range: range)))
        }
        if let policy = Self.strongest(routes.compactMap(\.updateReplacePolicy), order: ["Retain", "Snapshot", "Delete"]) {
            pairs.append(("UpdateReplacePolicy", .string(policy, range: range)))
        }
        return .object(pairs, at: range)
    }

    private static func strongest(_ policies: [String], order: [String]) -> String? {
        order.first { policies.contains($0) }
    }
}
