/// AWS managed policy names SAM accepts in `Policies` instead of ARNs. The translator asks IAM and
/// falls back to its bundled list; offline, cfnkit uses that bundled list (`ManagedPolicyData`) after
/// the names aws-sam-translator's tests map; any other name is kept as written.
enum ManagedPolicies {
    static let paths: [String: String] = [
        "AWSLambdaBasicExecutionRole": "service-role/AWSLambdaBasicExecutionRole",
        "AmazonDynamoDBFullAccess": "AmazonDynamoDBFullAccess",
        "AmazonDynamoDBReadOnlyAccess": "AmazonDynamoDBReadOnlyAccess",
        "AWSLambdaRole": "service-role/AWSLambdaRole",
        "AWSXrayWriteOnlyAccess": "AWSXrayWriteOnlyAccess",
    ]

    static func arn(for name: String, partition: String) -> String? {
        (paths[name] ?? ManagedPolicyData.paths[name]).map { "arn:\(partition):iam::aws:policy/\($0)" }
    }
}
