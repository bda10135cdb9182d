import CFNIntrinsics
import CFNTemplate
import Testing

/// One expression evaluated as the `Value` property of a resource in `caseTemplate`.
/// `expected` is the result as one-line JSON, or `!kind` for an expected error of that kind.
struct FunctionCase: CustomTestStringConvertible, Sendable {
    let name: String
    let expression: String
    let expected: String
    var parameters: [(String, String)] = []
    var region = "us-east-1"
    var languageExtensions = true

    var testDescription: String { name }
}

private func c(_ name: String, _ expression: String, _ expected: String, _ parameters: [(String, String)] = [],
               region: String = "us-east-1", extensions: Bool = true) -> FunctionCase {
    FunctionCase(name: name, expression: expression, expected: expected, parameters: parameters, region: region, languageExtensions: extensions)
}

let us1AZs = #"["us-east-1a","us-east-1b","us-east-1c","us-east-1d","us-east-1e","us-east-1f"]"#

let functionCases: [FunctionCase] = [
    // Ref and pseudo parameters
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-ref.html
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/pseudo-parameter-reference.html
    c("Ref AWS::Region", "!Ref AWS::Region", #""us-east-1""#),
    c("Ref AWS::AccountId", "!Ref AWS::AccountId", #""123456789012""#),
    c("Ref AWS::Partition", "!Ref AWS::Partition", #""aws""#),
    c("Ref AWS::URLSuffix", "!Ref AWS::URLSuffix", #""amazonaws.com""#),
    c("Ref AWS::StackName", "!Ref AWS::StackName", #""teststack""#),
    c("Ref AWS::NotificationARNs", "!Ref AWS::NotificationARNs", "[]"),
    c("Ref AWS::NoValue prints back", "!Ref AWS::NoValue", #"{"Ref":"AWS::NoValue"}"#),
    c("partition in China", "!Ref AWS::Partition", #""aws-cn""#, region: "cn-north-1"),
    c("URL suffix in China", "!Ref AWS::URLSuffix", #""amazonaws.com.cn""#, region: "cn-north-1"),
    c("partition in GovCloud", "!Ref AWS::Partition", #""aws-us-gov""#, region: "us-gov-west-1"),
    c("URL suffix in GovCloud", "!Ref AWS::URLSuffix", #""amazonaws.com""#, region: "us-gov-west-1"),
    c("Ref parameter default", "!Ref Env", #""dev""#),
    c("Ref parameter given", "!Ref Env", #""prod""#, [("Env", "prod")]),
    c("Ref Number parameter is a string", "!Ref Count", #""3""#),
    c("Ref CommaDelimitedList is trimmed", "!Ref DbSubnetIpBlocks", #"["10.0.48.0/24","10.0.112.0/24","10.0.176.0/24"]"#),
    c("Ref List<Number>", "!Ref Ports", #"["80","443"]"#),
    c("Ref SSM parameter stays symbolic", "!Ref ImageId", #"{"Ref":"ImageId"}"#),
    c("Ref resource is symbolic", "!Ref Queue", #"{"Ref":"Queue"}"#),
    c("Ref unknown name", "!Ref Nope", "!unknownReference"),
    c("Ref of a list", "{Ref: [a]}", "!wrongArgumentType"),
    c("Ref to a resource whose condition is false", "!Ref ProdTopic", "!referenceToRemovedResource"),
    c("Ref to a conditional resource that exists", "!Ref ProdTopic", #"{"Ref":"ProdTopic"}"#, [("Env", "prod")]),

    // Fn::GetAtt
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-getatt.html
    c("GetAtt short form", "!GetAtt myELB.DNSName", #"{"Fn::GetAtt":["myELB","DNSName"]}"#),
    c("GetAtt list form", "!GetAtt [myELB, DNSName]", #"{"Fn::GetAtt":["myELB","DNSName"]}"#),
    c("GetAtt attribute from Ref", "!GetAtt [Queue, !Ref AttrName]", #"{"Fn::GetAtt":["Queue","Arn"]}"#),
    c("GetAtt dotted attribute", "!GetAtt vpc.Outputs.Foo", #"{"Fn::GetAtt":["vpc","Outputs.Foo"]}"#),
    c("GetAtt unknown resource", "!GetAtt Nope.Arn", "!unknownReference"),
    c("GetAtt of a parameter", "!GetAtt [Env, Arn]", "!unknownReference"),
    c("GetAtt without a dot", "!GetAtt QueueArn", "!wrongArgumentType"),
    c("GetAtt one argument", "!GetAtt [Queue]", "!wrongArgumentCount"),
    c("GetAtt three arguments", "{Fn::GetAtt: [Queue, Arn, X]}", "!wrongArgumentCount"),
    c("GetAtt list attribute name", "!GetAtt [Queue, [x]]", "!wrongArgumentType"),
    c("GetAtt of a removed resource", "!GetAtt ProdTopic.TopicArn", "!referenceToRemovedResource"),

    // Fn::FindInMap
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-findinmap.html
    c("FindInMap documented example", #"!FindInMap [RegionMap, !Ref "AWS::Region", HVM64]"#, #""ami-0ff8a91507f77f867""#),
    c("FindInMap in another region", #"!FindInMap [RegionMap, !Ref "AWS::Region", HVMG2]"#, #""ami-066ee5fd4a9ef77f1""#, region: "us-west-1"),
    c("FindInMap with a parameter key", "!FindInMap [EnvMap, !Ref Env, Size]", #""small""#),
    c("FindInMap keeps numbers", "!FindInMap [EnvMap, !Ref Env, Count]", "2"),
    c("FindInMap returns a list", "!FindInMap [EnvMap, prod, Zones]", #"["a","b","c"]"#),
    c("FindInMap unknown mapping", "!FindInMap [Nope, a, b]", "!unknownMapping"),
    c("FindInMap unknown top-level key", "!FindInMap [EnvMap, qa, Size]", "!unknownMappingKey"),
    c("FindInMap unknown second-level key", "!FindInMap [EnvMap, dev, Nope]", "!unknownMappingKey"),
    c("FindInMap DefaultValue", "!FindInMap [EnvMap, dev, Nope, {DefaultValue: fallback}]", #""fallback""#),
    c("FindInMap DefaultValue list", "!FindInMap [EnvMap, qa, Size, {DefaultValue: [x]}]", #"["x"]"#),
    c("FindInMap DefaultValue unused when found", "!FindInMap [EnvMap, dev, Size, {DefaultValue: x}]", #""small""#),
    c("FindInMap DefaultValue needs the transform", "!FindInMap [EnvMap, dev, Nope, {DefaultValue: x}]", "!languageExtensionsRequired",
      extensions: false),
    c("FindInMap two arguments", "!FindInMap [EnvMap, dev]", "!wrongArgumentCount"),
    c("FindInMap symbolic key", "!FindInMap [EnvMap, !Ref Queue, Size]", #"{"Fn::FindInMap":["EnvMap",{"Ref":"Queue"},"Size"]}"#),
    c("FindInMap nested in Select", "!Select [0, !FindInMap [EnvMap, !Ref Env, Zones]]", #""a""#),
    c("FindInMap key from Select", "!FindInMap [EnvMap, !Select [1, [dev, prod]], Size]", #""large""#),

    // Fn::GetAZs
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-getavailabilityzones.html
    c("GetAZs empty string is the current region", #"!GetAZs """#, us1AZs),
    c("GetAZs Ref AWS::Region", "!GetAZs {Ref: AWS::Region}", us1AZs),
    c("GetAZs named region", "!GetAZs eu-west-1", #"["eu-west-1a","eu-west-1b","eu-west-1c"]"#),
    c("GetAZs with no argument", "!GetAZs", us1AZs),
    c("Select the first AZ", #"!Select [0, !GetAZs ""]"#, #""us-east-1a""#),
    c("Select the second AZ in China", #"!Select [1, !GetAZs ""]"#, #""cn-north-1b""#, region: "cn-north-1"),
    c("GetAZs unknown region", "!GetAZs nowhere-1", "!wrongArgumentType"),
    c("GetAZs symbolic region", "!GetAZs {Ref: Queue}", #"{"Fn::GetAZs":{"Ref":"Queue"}}"#),

    // Fn::If and condition functions
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-conditions.html
    c("If documented example, false branch", "!If [CreateNewSecurityGroup, !Ref NewSecurityGroup, !Ref ExistingSecurityGroup]", #""sg-0123""#),
    c("If documented example, true branch", "!If [CreateNewSecurityGroup, !Ref NewSecurityGroup, !Ref ExistingSecurityGroup]",
      #"{"Ref":"NewSecurityGroup"}"#, [("ExistingSecurityGroup", "NONE")]),
    c("If with NoValue, value given", #"!If [UseDBSnapshot, !Ref DBSnapshotName, !Ref "AWS::NoValue"]"#, #""snap-1""#),
    c("If with NoValue, no value", #"!If [UseDBSnapshot, !Ref DBSnapshotName, !Ref "AWS::NoValue"]"#, #"{"Ref":"AWS::NoValue"}"#,
      [("DBSnapshotName", "")]),
    c("If on a parameter condition", "!If [IsProd, large, small]", #""small""#),
    c("If on a parameter condition, prod", "!If [IsProd, large, small]", #""large""#, [("Env", "prod")]),
    c("If unknown condition", "!If [Nope, a, b]", "!unknownCondition"),
    c("If two arguments", "!If [IsProd, a]", "!wrongArgumentCount"),
    c("If condition name not a string", "!If [[IsProd], a, b]", "!wrongArgumentType"),
    c("If on an unknown-at-deploy condition stays", "!If [QueueIsNamedX, a, b]", #"{"Fn::If":["QueueIsNamedX","a","b"]}"#),
    c("NoValue removes a list item", "[a, !If [IsProd, b, !Ref AWS::NoValue], c]", #"["a","c"]"#),
    c("NoValue removes a property", "{A: !If [IsProd, b, !Ref AWS::NoValue], B: 1}", #"{"B":1}"#),
    c("If does not evaluate the branch not taken", "!If [IsProd, !Ref ProdTopic, none]", #""none""#),
    c("Nested If", "!If [IsProd, a, !If [IsDev, b, c]]", #""b""#),
    c("Equals documented example", "!Equals [!Ref EnvironmentType, prod]", "true"),
    c("Equals different strings", "!Equals [a, b]", "false"),
    c("Equals compares as strings", #"!Equals ["1", 1]"#, "true"),
    c("Equals same reference", "!Equals [!Ref Queue, !Ref Queue]", "true"),
    c("Equals unknown stays", "!Equals [!Ref Queue, x]", #"{"Fn::Equals":[{"Ref":"Queue"},"x"]}"#),
    c("Equals lists", "!Equals [[a, b], [a, b]]", "true"),
    c("Equals one argument", "!Equals [a]", "!wrongArgumentCount"),
    c("And true", "!And [!Condition IsDev, !Equals [a, a]]", "true"),
    c("And false beats unknown", "!And [!Condition IsProd, !Condition QueueIsNamedX]", "false"),
    c("And unknown stays", "!And [!Condition IsDev, !Condition QueueIsNamedX]", #"{"Fn::And":[true,{"Condition":"QueueIsNamedX"}]}"#),
    c("Or true", "!Or [!Condition IsProd, !Condition IsDev]", "true"),
    c("Or false", "!Or [!Condition IsProd, !Equals [a, b]]", "false"),
    c("Or true beats unknown", "!Or [!Condition QueueIsNamedX, !Condition IsDev]", "true"),
    c("Not of a condition", "!Not [!Condition IsProd]", "true"),
    c("Not of Equals", "!Not [!Equals [!Ref Env, dev]]", "false"),
    c("Not two arguments", "!Not [a, b]", "!wrongArgumentCount"),
    c("And one argument", "!And [!Condition IsDev]", "!wrongArgumentCount"),
    c("And eleven arguments", "!And [true, true, true, true, true, true, true, true, true, true, true]", "!wrongArgumentCount"),
    c("And of a string", "!And [x, !Condition IsDev]", "!conditionNotBoolean"),
    c("Condition using Or", "!Condition DevOrProd", "true"),
    c("Condition using And", "!Condition ProdAndDev", "false"),
    c("Condition using Not of a condition", "!Condition NotProd", "true"),
    c("Condition unknown", "!Condition Nope", "!unknownCondition"),

    // Fn::Select
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-select.html
    c("Select documented example", #"!Select [ "1", [ "apples", "grapes", "oranges", "mangoes" ] ]"#, #""grapes""#),
    c("Select from a CommaDelimitedList", "!Select [2, !Ref DbSubnetIpBlocks]", #""10.0.176.0/24""#),
    c("Select from an empty list", "!Select [0, []]", "!indexOutOfRange"),
    c("Select past the end", "!Select [4, [a, b]]", "!indexOutOfRange"),
    c("Select negative index", "!Select [-1, [a]]", "!indexOutOfRange"),
    c("Select index not a number", "!Select [x, [a]]", "!wrongArgumentType"),
    c("Select from a string", "!Select [0, abc]", "!wrongArgumentType"),
    c("Select an unknown item from a known list", "!Select [1, [!Ref Queue, !GetAtt Queue.Arn]]", #"{"Fn::GetAtt":["Queue","Arn"]}"#),
    c("Select from an unknown list", "!Select [0, !GetAtt vpc.Ipv6CidrBlocks]", #"{"Fn::Select":[0,{"Fn::GetAtt":["vpc","Ipv6CidrBlocks"]}]}"#),
    c("Select index from a parameter", "!Select [!Ref Count, [a, b, c, d]]", #""d""#),
    c("Select one argument", "!Select [0]", "!wrongArgumentCount"),
    c("Select a list item", "!Select [1, [[a, b], [c]]]", #"["c"]"#),
    c("Select of Split of an import", "!Select [2, !Split [',', !ImportValue AccountSubnetIDs]]",
      #"{"Fn::Select":[2,{"Fn::Split":[",",{"Fn::ImportValue":"AccountSubnetIDs"}]}]}"#),

    // Fn::Join
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-join.html
    c("Join documented example", #"!Join [ ":", [ a, b, c ] ]"#, #""a:b:c""#),
    c("Join documented ARN example",
      #"!Join [ "", [ "arn:", !Ref AWS::Partition, ":s3:::elasticbeanstalk-*-", !Ref AWS::AccountId ] ]"#,
      #""arn:aws:s3:::elasticbeanstalk-*-123456789012""#),
    c("Join an empty list", #"!Join [",", []]"#, #""""#),
    c("Join with an unknown part stays partial", "!Join [-, [a, !Ref Queue]]", #"{"Fn::Join":["-",["a",{"Ref":"Queue"}]]}"#),
    c("Join a CommaDelimitedList", #"!Join [",", !Ref DbSubnetIpBlocks]"#, #""10.0.48.0/24,10.0.112.0/24,10.0.176.0/24""#),
    c("Join numbers and booleans", "!Join [-, [1, true, x]]", #""1-true-x""#),
    c("Join drops NoValue items", #"!Join [",", [a, !Ref AWS::NoValue, b]]"#, #""a,b""#),
    c("Join a nested list", #"!Join [",", [a, [b]]]"#, "!wrongArgumentType"),
    c("Join list delimiter", #"!Join [[","], [a]]"#, "!wrongArgumentType"),
    c("Join a string", #"!Join [",", a]"#, "!wrongArgumentType"),
    c("Join three arguments", #"!Join [",", [a], b]"#, "!wrongArgumentCount"),
    c("Join an unknown list", #"!Join [",", !GetAtt vpc.Ipv6CidrBlocks]"#, #"{"Fn::Join":[",",{"Fn::GetAtt":["vpc","Ipv6CidrBlocks"]}]}"#),
    c("Join keeps a dynamic reference", #"!Join ["", ["{{resolve:ssm:/p}}", "-x"]]"#, #""{{resolve:ssm:/p}}-x""#),
    c("Join of an If", #"!Join ["", [!If [IsProd, a, b], c]]"#, #""bc""#),

    // Fn::Split
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-split.html
    c("Split documented example", #"!Split [ "|" , "a|b|c" ]"#, #"["a","b","c"]"#),
    c("Split documented empty items", #"!Split [ "|" , "a||c|" ]"#, #"["a","","c",""]"#),
    c("Split of a Join", #"!Split [",", !Join [",", [x, y]]]"#, #"["x","y"]"#),
    c("Split of an unknown", #"!Split [",", !GetAtt Queue.Arn]"#, #"{"Fn::Split":[",",{"Fn::GetAtt":["Queue","Arn"]}]}"#),
    c("Split empty delimiter", #"!Split ["", abc]"#, "!wrongArgumentType"),
    c("Split one argument", #"!Split [","]"#, "!wrongArgumentCount"),
    c("Split a list", #"!Split [",", [a]]"#, "!wrongArgumentType"),

    // Fn::Sub
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-sub.html
    c("Sub documented ARN example", "!Sub 'arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:vpc/${vpc}'",
      #"{"Fn::Sub":"arn:aws:ec2:us-east-1:123456789012:vpc/${vpc}"}"#),
    c("Sub documented variable map", "!Sub ['www.${Domain}', {Domain: !Ref RootDomainName}]", #""www.example.com""#),
    c("Sub pseudo parameter", "!Sub '${AWS::StackName}-queue'", #""teststack-queue""#),
    c("Sub literal ${!}", "!Sub '${!Literal}-x'", #""${Literal}-x""#),
    c("Sub GetAtt stays", "!Sub 'q-${Queue.Arn}'", #"{"Fn::Sub":"q-${Queue.Arn}"}"#),
    c("Sub keeps only unknown map variables", "!Sub ['${A}-${B}', {A: !GetAtt Queue.Arn, B: b}]",
      #"{"Fn::Sub":["${A}-b",{"A":{"Fn::GetAtt":["Queue","Arn"]}}]}"#),
    c("Sub with no variables", "!Sub 'no variables'", #""no variables""#),
    c("Sub unknown variable", "!Sub 'x-${Nope}'", "!unknownReference"),
    c("Sub unclosed variable", "!Sub 'x-${Env'", "!invalidSub"),
    c("Sub empty variable", "!Sub 'x-${}'", "!invalidSub"),
    c("Sub Number parameter", "!Sub 'a ${Count} b'", #""a 3 b""#),
    c("Sub list parameter", "!Sub '${DbSubnetIpBlocks}'", "!wrongArgumentType"),
    c("Sub three arguments", "!Sub [a, b, c]", "!wrongArgumentCount"),
    c("Sub variables not a mapping", "!Sub ['${x}', [a]]", "!wrongArgumentType"),
    c("Sub literal next to a variable", "!Sub '${!Env} ${Env}'", #""${Env} dev""#),
    c("Sub partial re-escapes literals", "!Sub '${Queue} and ${!Queue}'", #"{"Fn::Sub":"${Queue} and ${!Queue}"}"#),
    c("Sub trims variable names", "!Sub '${ Env }'", #""dev""#),
    c("Sub nested in a variable map", "!Sub ['${Name}', {Name: !Sub '${Env}-x'}]", #""dev-x""#),
    c("Sub unknown resource attribute", "!Sub '${Nope.Arn}'", "!unknownReference"),
    c("Sub URL suffix", "!Sub 'https://s3.${AWS::URLSuffix}'", #""https://s3.amazonaws.com""#),
    c("Sub builds a dynamic reference", "!Sub '{{resolve:ssm:/app/${Env}/key}}'", #""{{resolve:ssm:/app/dev/key}}""#),
    c("Sub SSM parameter stays", "!Sub '${ImageId}'", #"{"Fn::Sub":"${ImageId}"}"#),
    c("Sub of a removed resource", "!Sub '${ProdTopic}'", "!referenceToRemovedResource"),
    c("Sub string must be literal", "!Sub {Ref: Env}", "!wrongArgumentType"),

    // Fn::Base64
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-base64.html
    c("Base64 documented example", "!Base64 AWS CloudFormation", #""QVdTIENsb3VkRm9ybWF0aW9u""#),
    c("Base64 of a Sub", "!Base64 {Fn::Sub: 'x-${Env}'}", #""eC1kZXY=""#),
    c("Base64 of an unknown", "!Base64 {Ref: Queue}", #"{"Fn::Base64":{"Ref":"Queue"}}"#),
    c("Base64 of a list", "!Base64 [a]", "!wrongArgumentType"),
    c("Base64 of an empty string", #"!Base64 """#, #""""#),

    // Fn::Cidr
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-cidr.html
    c("Cidr documented example", #"!Cidr [ "192.168.0.0/24", 6, 5 ]"#,
      #"["192.168.0.0/27","192.168.0.32/27","192.168.0.64/27","192.168.0.96/27","192.168.0.128/27","192.168.0.160/27"]"#),
    c("Cidr documented JSON example", #"{"Fn::Cidr": [ "192.168.0.0/24", "6", "5"] }"#,
      #"["192.168.0.0/27","192.168.0.32/27","192.168.0.64/27","192.168.0.96/27","192.168.0.128/27","192.168.0.160/27"]"#),
    c("Cidr /24s from a /16", "!Cidr [10.0.0.0/16, 4, 8]", #"["10.0.0.0/24","10.0.1.0/24","10.0.2.0/24","10.0.3.0/24"]"#),
    c("Cidr from a parameter", "!Select [1, !Cidr [!Ref CidrParam, 3, 12]]", #""10.0.16.0/20""#),
    c("Cidr the whole block", "!Cidr [10.0.0.0/16, 1, 16]", #"["10.0.0.0/16"]"#),
    c("Cidr masks host bits", "!Cidr [10.0.0.5/24, 2, 7]", #"["10.0.0.0/25","10.0.0.128/25"]"#),
    c("Cidr subnets larger than the block", "!Cidr [10.0.0.0/24, 3, 9]", "!invalidCidr"),
    c("Cidr too many subnets", "!Cidr [10.0.0.0/24, 9, 5]", "!invalidCidr"),
    c("Cidr zero count", "!Cidr [10.0.0.0/24, 0, 5]", "!invalidCidr"),
    c("Cidr count over 256", "!Cidr [10.0.0.0/16, 257, 0]", "!invalidCidr"),
    c("Cidr bad octet", "!Cidr [10.0.0.300/24, 2, 5]", "!invalidCidr"),
    c("Cidr no prefix", "!Cidr [10.0.0.0, 2, 5]", "!invalidCidr"),
    c("Cidr prefix over 32", "!Cidr [10.0.0.0/33, 2, 5]", "!invalidCidr"),
    c("Cidr bits over 32", "!Cidr [10.0.0.0/24, 2, 33]", "!invalidCidr"),
    c("Cidr count not a number", "!Cidr [10.0.0.0/24, two, 5]", "!invalidCidr"),
    c("Cidr IPv6 /64s from a /56", #"!Cidr ["2001:db8::/56", 4, 64]"#,
      #"["2001:db8::/64","2001:db8:0:1::/64","2001:db8:0:2::/64","2001:db8:0:3::/64"]"#),
    c("Cidr IPv6 VPC block", #"!Cidr ["2600:1f16:ed9:e00::/56", 3, 64]"#,
      #"["2600:1f16:ed9:e00::/64","2600:1f16:ed9:e01::/64","2600:1f16:ed9:e02::/64"]"#),
    c("Cidr IPv6 short prefixes", #"!Cidr ["fd00::/8", 2, 112]"#, #"["fd00::/16","fd01::/16"]"#),
    c("Cidr IPv6 small subnets", #"!Cidr ["2001:db8::/120", 4, 4]"#,
      #"["2001:db8::/124","2001:db8::10/124","2001:db8::20/124","2001:db8::30/124"]"#),
    // RFC 5952: the longest run of zero groups is compressed, the first of two equal runs.
    c("Cidr IPv6 compresses the longest zero run", #"!Cidr ["2001:db8:0:0:1::/80", 2, 40]"#,
      #"["2001:db8:0:0:1::/88","2001:db8::1:100:0:0/88"]"#),
    c("Cidr IPv6 from ::/0", #"!Cidr ["::/0", 2, 127]"#, #"["::/1","8000::/1"]"#),
    c("Cidr IPv6 too many bits", #"!Cidr ["2001:db8::/64", 2, 65]"#, "!invalidCidr"),
    c("Cidr IPv6 bad address", #"!Cidr ["2001:zz::/64", 2, 64]"#, "!invalidCidr"),
    c("Cidr documented IPv6 example stays symbolic", "!Cidr [!Select [0, !GetAtt vpc.Ipv6CidrBlocks], 1, 64]",
      #"{"Fn::Cidr":[{"Fn::Select":[0,{"Fn::GetAtt":["vpc","Ipv6CidrBlocks"]}]},1,64]}"#),
    c("Cidr documented IPv4 example stays symbolic", "!Select [0, !Cidr [!GetAtt vpc.CidrBlock, 1, 8]]",
      #"{"Fn::Select":[0,{"Fn::Cidr":[{"Fn::GetAtt":["vpc","CidrBlock"]},1,8]}]}"#),
    c("Cidr two arguments", "!Cidr [10.0.0.0/16, 2]", "!wrongArgumentCount"),

    // Fn::ImportValue
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-importvalue.html
    c("ImportValue documented example", #"!ImportValue {"Fn::Sub": "${NetworkStackNameParameter}-SubnetID"}"#,
      #"{"Fn::ImportValue":"net-SubnetID"}"#),
    c("ImportValue of a resource", "!ImportValue {Ref: Queue}", "!wrongArgumentType"),
    c("ImportValue of a list", "!ImportValue [a]", "!wrongArgumentType"),

    // Fn::Length (AWS::LanguageExtensions)
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-length.html
    c("Length documented example", "!Length [1, 2, 3]", "3"),
    c("Length of a CommaDelimitedList", "!Length {Ref: DbSubnetIpBlocks}", "3"),
    c("Length of an empty list", "!Length []", "0"),
    c("Length of an unknown list", "!Length {Fn::GetAtt: [vpc, Ipv6CidrBlocks]}", #"{"Fn::Length":{"Fn::GetAtt":["vpc","Ipv6CidrBlocks"]}}"#),
    c("Length of a string", "!Length abc", "!wrongArgumentType"),
    c("Length needs the transform", "!Length [1]", "!languageExtensionsRequired", extensions: false),

    // Fn::ToJsonString (AWS::LanguageExtensions)
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-ToJsonString.html
    c("ToJsonString documented object example", "!ToJsonString {key1: value1, key2: value2}", #""{\"key1\":\"value1\",\"key2\":\"value2\"}""#),
    c("ToJsonString documented list example", "!ToJsonString [{key1: value1}, {key2: value2}]",
      #""[{\"key1\":\"value1\"},{\"key2\":\"value2\"}]""#),
    c("ToJsonString scalars", "!ToJsonString [a, 1, true]", #""[\"a\",1,true]""#),
    c("ToJsonString evaluates inside", "!ToJsonString {Env: !Ref Env, N: !Ref Count}", #""{\"Env\":\"dev\",\"N\":\"3\"}""#),
    c("ToJsonString of an unknown", "!ToJsonString {Q: !Ref Queue}", #"{"Fn::ToJsonString":{"Q":{"Ref":"Queue"}}}"#),
    c("ToJsonString of a string", "!ToJsonString abc", "!wrongArgumentType"),
    c("ToJsonString drops NoValue", "!ToJsonString {a: !If [IsProd, x, !Ref AWS::NoValue], b: y}", #""{\"b\":\"y\"}""#),
    c("ToJsonString needs the transform", "!ToJsonString [1]", "!languageExtensionsRequired", extensions: false),

    // Rule functions
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-rules.html
    c("Contains", "!Contains [[a, b], a]", "true"),
    c("Contains a CommaDelimitedList item", "!Contains [!Ref DbSubnetIpBlocks, 10.0.48.0/24]", "true"),
    c("Contains not", "!Contains [[a, b], c]", "false"),
    c("EachMemberEquals", "!EachMemberEquals [[a, a], a]", "true"),
    c("EachMemberEquals not", "!EachMemberEquals [[a, b], a]", "false"),
    c("EachMemberIn", "!EachMemberIn [[a, b], [a, b, c]]", "true"),
    c("EachMemberIn not", "!EachMemberIn [[a, d], [a, b]]", "false"),
    c("ValueOf stays symbolic", "!ValueOf [Env, Tag]", #"{"Fn::ValueOf":["Env","Tag"]}"#),

    // Nesting and plain values
    c("Select of Split of Cidr", #"!Select [0, !Split ["/", !Select [1, !Cidr [10.0.0.0/16, 2, 8]]]]"#, #""10.0.1.0""#),
    c("Join of AZ and mapping", #"!Join ["", [!Select [0, !GetAZs ""], "-", !FindInMap [EnvMap, !Ref Env, Size]]]"#, #""us-east-1a-small""#),
    c("unknown function", "{Fn::Unknown: x}", "!unknownFunction"),
    c("plain mapping and list", "{a: 1, b: [true, null, 1.5]}", #"{"a":1,"b":[true,null,1.5]}"#),
    c("dynamic reference kept", "'{{resolve:secretsmanager:MySecret:SecretString:password}}'",
      #""{{resolve:secretsmanager:MySecret:SecretString:password}}""#),
    c("ForEach key outside the transform", "{Fn::ForEach::X: [I, [a], {'${I}': 1}]}", "!languageExtensionsRequired", extensions: false),
    c("quoted number stays a string", "'010'", #""010""#),
]

@Suite("Intrinsic functions, table-driven")
struct FunctionCaseTests {
    @Test(arguments: functionCases)
    func evaluate(_ testCase: FunctionCase) throws {
        let text = caseTemplate
            .replacingOccurrences(of: "TRANSFORM", with: testCase.languageExtensions ? "Transform: AWS::LanguageExtensions" : "")
            .replacingOccurrences(of: "EXPR", with: testCase.expression)
        let template = try loadTemplate(text)
        let evaluator = Evaluator(template: template, context: context(testCase.parameters, region: testCase.region))
        let node = try #require(template.resource("Target")?.properties?["Value"])
        let value = evaluator.evaluate(node)
        if testCase.expected.hasPrefix("!") {
            let kind = String(testCase.expected.dropFirst())
            #expect(evaluator.errors.contains { $0.kind.rawValue == kind },
                    "expected a \(kind) error, got \(evaluator.errors) and \(compact(value.toNode()))")
            #expect(evaluator.errors.allSatisfy { !$0.range.isSynthetic }, "every error has a position: \(evaluator.errors)")
        } else {
            #expect(evaluator.errors.isEmpty, "\(evaluator.errors)")
            #expect(compact(value.toNode()) == testCase.expected)
        }
    }

    @Test func tableIsLarge() {
        #expect(functionCases.count >= 150)
    }
}
