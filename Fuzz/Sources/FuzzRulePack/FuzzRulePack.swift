import CFNLint
import CFNTemplate
import FuzzSupport

// The rule-pack language and the cfn-lint custom-rules line format. The bytes are read as a rule
// pack (every problem must be a thrown RulePackError with a position, never a crash or a hang on a
// pathological regex); a pack that reads is run on a fixed template and on its own examples, so its
// paths, selectors, regexes and conditions are exercised. The same bytes are also read as a
// custom-rules file and, when they read, run on the fixed template.

let template = """
    AWSTemplateFormatVersion: "2010-09-09"
    Parameters:
      Env: {Type: String, Default: dev, AllowedValues: [dev, prod]}
    Conditions:
      IsProd: !Equals [!Ref Env, prod]
    Resources:
      Bucket:
        Type: AWS::S3::Bucket
        Properties:
          BucketName: !Sub "${AWS::StackName}-data"
          Tags: [{Key: env, Value: !Ref Env}]
      Queue:
        Type: AWS::SQS::Queue
        Condition: IsProd
        Properties: {VisibilityTimeout: 30, KmsMasterKeyId: "{{resolve:ssm:/key}}"}
      Role:
        Type: AWS::IAM::Role
        Properties:
          AssumeRolePolicyDocument:
            Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: "sts:AssumeRole"}]
          Policies:
            - PolicyName: p
              PolicyDocument: {Statement: [{Effect: Allow, Action: "*", Resource: !GetAtt Bucket.Arn}]}
    Outputs:
      Name: {Value: !Ref Bucket}
    """
let settings = try! LintSettings(cli: LintConfig(regions: ["us-east-1"]), environment: [:])

@_cdecl("LLVMFuzzerTestOneInput")
public func LLVMFuzzerTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    if let pack = try? RulePackLoader.load(bytes: bytes, path: "fuzz-pack.yaml") {
        let linter = Linter(rules: RuleSet(pack.rules), today: "2025-01-01")
        _ = linter.lint(source: template, path: "t.yaml", settings: settings)
        for rule in pack.rules {
            for example in (rule.failing + rule.passing).prefix(4) {
                _ = linter.lint(source: example.source, path: "example.yaml", settings: settings)
            }
        }
    }
    if let text = String(validating: bytes, as: UTF8.self),
       let rules = try? CustomRulesFile.parse(text, path: "fuzz-rules.txt") {
        _ = Linter(rules: RuleSet(rules), today: "2025-01-01").lint(source: template, path: "t.yaml", settings: settings)
    }
    return 0
}
