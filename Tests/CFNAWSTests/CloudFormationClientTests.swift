import CFNAWS
import Foundation
import Testing

/// The CloudFormation client over a scripted exchange (no network): what it sends, how it reads
/// the answers, and every error it must word.
@Suite struct CloudFormationClientTests {
    static func client(_ script: ScriptedSend, attempts: Int = 3) -> CloudFormationClient {
        CloudFormationClient(query: AWSQueryClient(
            service: "cloudformation", apiVersion: "2010-05-15", endpoint: URL(string: "http://127.0.0.1:5000")!,
            region: "us-east-1", credentials: testCredentials, retry: RetryPolicy(maxAttempts: attempts, baseDelay: 0.001),
            send: script.send, sleep: { _ in }))
    }

    static let describe = """
        <DescribeStacksResponse><DescribeStacksResult><Stacks><member>
          <StackName>sqs</StackName><StackId>arn:aws:cloudformation:us-east-1:123456789012:stack/sqs/1</StackId>
          <StackStatus>CREATE_COMPLETE</StackStatus>
          <Parameters><member><ParameterKey>Env</ParameterKey><ParameterValue>prod</ParameterValue></member>
            <member><ParameterKey>Secret</ParameterKey><ParameterValue>****</ParameterValue></member></Parameters>
          <Tags><member><Key>team</Key><Value>a</Value></member></Tags>
          <Outputs><member><OutputKey>QueueUrl</OutputKey><OutputValue>http://q</OutputValue><ExportName>sqs-url</ExportName></member></Outputs>
        </member></Stacks></DescribeStacksResult></DescribeStacksResponse>
        """

    /// Only Get/Describe/List calls exist, and every public method sends one of them.
    @Test func onlyReadOnlyActionsCanBeSent() throws {
        #expect(Set(CloudFormationClient.Action.allCases.map(\.rawValue)) == ["GetTemplate", "DescribeStacks", "ListStackResources", "GetStackPolicy"])
        for action in CloudFormationClient.Action.allCases {
            #expect(["Get", "Describe", "List"].contains { action.rawValue.hasPrefix($0) })
        }
        let script = ScriptedSend([
            ScriptedSend.xml(200, Self.describe),
            ScriptedSend.xml(200, "<R><GetTemplateResult><TemplateBody>{}</TemplateBody></GetTemplateResult></R>"),
            ScriptedSend.xml(200, "<R><ListStackResourcesResult><StackResourceSummaries/></ListStackResourcesResult></R>"),
            ScriptedSend.xml(200, "<R><GetStackPolicyResult/></R>"),
        ])
        _ = try Self.client(script).deployedStack("sqs")
        #expect(script.actions == ["DescribeStacks", "GetTemplate", "ListStackResources", "GetStackPolicy"])
        #expect(Set(script.actions).isSubset(of: CloudFormationClient.Action.allCases.map(\.rawValue)))
        #expect(script.bodies[1] == "Action=GetTemplate&Version=2010-05-15&StackName=sqs&TemplateStage=Original")
        let headers = try #require(script.headers.first)
        #expect(headers.contains { $0.hasPrefix("Authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/") && $0.contains("/us-east-1/cloudformation/aws4_request") })
    }

    @Test func readsTheStack() throws {
        let script = ScriptedSend([
            ScriptedSend.xml(200, Self.describe),
            ScriptedSend.xml(200, "<R><GetTemplateResult><TemplateBody>Transform: AWS::Serverless-2016-10-31</TemplateBody></GetTemplateResult></R>"),
            ScriptedSend.xml(200, """
                <R><ListStackResourcesResult><StackResourceSummaries>
                <member><LogicalResourceId>Queue</LogicalResourceId><PhysicalResourceId>http://q</PhysicalResourceId><ResourceType>AWS::SQS::Queue</ResourceType><ResourceStatus>CREATE_COMPLETE</ResourceStatus></member>
                <member><LogicalResourceId></LogicalResourceId><PhysicalResourceId>x</PhysicalResourceId></member>
                </StackResourceSummaries><NextToken>page2</NextToken></ListStackResourcesResult></R>
                """),
            ScriptedSend.xml(200, """
                <R><ListStackResourcesResult><StackResourceSummaries>
                <member><LogicalResourceId>Role</LogicalResourceId><PhysicalResourceId>sqs-Role-1</PhysicalResourceId><ResourceType>AWS::IAM::Role</ResourceType></member>
                </StackResourceSummaries></ListStackResourcesResult></R>
                """),
            ScriptedSend.xml(200, "<R><GetStackPolicyResult><StackPolicyBody>{\"Statement\":[]}</StackPolicyBody></GetStackPolicyResult></R>"),
        ])
        let stack = try Self.client(script).deployedStack("sqs")
        #expect(stack.description.parameters.map(\.value) == ["prod", "****"])
        #expect(stack.description.outputs.first?.exportName == "sqs-url")
        #expect(stack.description.tags.map(\.0) == ["team"])
        #expect(stack.templateBody == "Transform: AWS::Serverless-2016-10-31")
        #expect(stack.physicalIds == ["Queue": "http://q", "Role": "sqs-Role-1"])
        #expect(stack.policyBody == "{\"Statement\":[]}")
        #expect(script.bodies[3].hasSuffix("NextToken=page2"))
    }

    func error(_ script: ScriptedSend, attempts: Int = 3) -> AWSError? {
        do { _ = try Self.client(script, attempts: attempts).deployedStack("sqs"); return nil } catch { return error }
    }

    @Test func stackNotFound() {
        let e = error(ScriptedSend([ScriptedSend.xml(400, errorXML("ValidationError", "Stack with id sqs does not exist"))]))
        #expect(e?.kind == .notFound)
        #expect(e?.message.contains("'sqs' does not exist in us-east-1") == true)
    }

    @Test func reviewInProgressHasNoTemplate() {
        let body = Self.describe.replacingOccurrences(of: "CREATE_COMPLETE", with: "REVIEW_IN_PROGRESS")
        let script = ScriptedSend([ScriptedSend.xml(200, body)])
        let e = error(script)
        #expect(e?.kind == .stackState)
        #expect(e?.message.contains("REVIEW_IN_PROGRESS") == true)
        #expect(script.actions == ["DescribeStacks"])
    }

    @Test func accessDeniedNamesTheCall() {
        let e = error(ScriptedSend([
            ScriptedSend.xml(200, Self.describe),
            ScriptedSend.xml(403, errorXML("AccessDenied", "User: arn:aws:iam::1:user/ci is not authorized to perform: cloudformation:GetTemplate")),
        ]))
        #expect(e?.kind == .accessDenied)
        #expect(e?.message.contains("cloudformation:GetTemplate") == true)
    }

    @Test func rejectedCredentials() {
        let e = error(ScriptedSend([ScriptedSend.xml(403, errorXML("InvalidClientTokenId", "The security token included in the request is invalid."))]))
        #expect(e?.kind == .credentials)
    }

    @Test func throttlingIsRetriedThenReported() throws {
        let throttled = ScriptedSend.xml(400, errorXML("Throttling", "Rate exceeded"))
        let recovering = ScriptedSend([throttled, throttled, ScriptedSend.xml(200, Self.describe)])
        #expect(try Self.client(recovering).describeStack("sqs").status == "CREATE_COMPLETE")
        #expect(recovering.actions == ["DescribeStacks", "DescribeStacks", "DescribeStacks"])
        let stuck = ScriptedSend([throttled, throttled, throttled, throttled])
        let e = error(stuck, attempts: 3)
        #expect(e?.kind == .throttled)
        #expect(e?.message.contains("after 3 attempts") == true)
        #expect(stuck.actions.count == 3)
    }

    @Test func transportFailures() {
        let unreachable = error(ScriptedSend([.failure(HTTPTransport.Failure(kind: .unreachable, message: "Connection refused")),
                                              .failure(HTTPTransport.Failure(kind: .unreachable, message: "Connection refused"))]), attempts: 2)
        #expect(unreachable?.kind == .unreachable)
        #expect(unreachable?.message.contains("--endpoint-url") == true)
        let timeout = error(ScriptedSend([.failure(HTTPTransport.Failure(kind: .timeout, message: "timed out"))]))
        #expect(timeout?.kind == .timeout)
        #expect(timeout?.message.contains("within 30 s") == true)
        let notXML = error(ScriptedSend([ScriptedSend.xml(200, "not xml")]))
        #expect(notXML?.kind == .invalidResponse)
    }

    @Test func endpoints() throws {
        #expect(try AWSQueryClient.endpoint(service: "cloudformation", region: "eu-west-1", override: nil).absoluteString == "https://cloudformation.eu-west-1.amazonaws.com")
        #expect(try AWSQueryClient.endpoint(service: "sts", region: "cn-north-1", override: nil).absoluteString == "https://sts.cn-north-1.amazonaws.com.cn")
        #expect(throws: AWSError.self) { try AWSQueryClient.endpoint(service: "sts", region: "x", override: "ftp://h") }
    }
}

/// AWS's published SigV4 test-suite vectors for a form-encoded POST, the query APIs' request shape.
@Suite struct QuerySigningTests {
    static let suite = SigV4Signer(credentials: testCredentials, region: "us-east-1", service: "service")

    func signature(headers: [String: String], body: String) -> String {
        let request = SignableRequest(method: "POST", host: "example.amazonaws.com", encodedPath: "/",
                                      headers: headers.merging(["X-Amz-Date": "20150830T123600Z"]) { $1 })
        let signed = Self.suite.sign(request, payloadHash: HexDigest.sha256Hex(Array(body.utf8)), date: Date())
        return String(signed["Authorization"]!.split(separator: "=").last!)
    }

    @Test func postVanilla() {
        #expect(signature(headers: [:], body: "") == "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b")
    }

    @Test func postXWWWFormURLEncoded() {
        #expect(signature(headers: ["Content-Type": "application/x-www-form-urlencoded"], body: "Param1=value1")
                == "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a")
    }
}
