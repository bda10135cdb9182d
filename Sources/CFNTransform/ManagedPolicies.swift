/// AWS managed policy names SAM accepts in `Policies` instead of ARNs. The translator loads the
/// account's list from IAM; offline, cfnkit knows these (the names aws-sam-translator 1.110.0's
/// tests map); any other name is kept as written (an ARN or a name CloudFormation resolves).
enum ManagedPolicies {
    static let paths: [String: String] = [
        "AWSLambdaBasicExecutionRole": "service-role/AWSLambdaBasicExecutionRole",
        "AmazonDynamoDBFullAccess": "AmazonDynamoDBFullAccess",
        "AmazonDynamoDBReadOnlyAccess": "AmazonDynamoDBReadOnlyAccess",
        "AWSLambdaRole": "service-role/AWSLambdaRole",
        "AWSXrayWriteOnlyAccess": "AWSXrayWriteOnlyAccess",
    ]

    static func arn(for name: String, partition: String) -> String? {
        paths[name].map { "arn:\(partition):iam::aws:policy/\($0)" }
    }
}
