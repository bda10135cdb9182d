import CFNIntrinsics
import CFNTemplate
import Foundation
import Testing

/// The project's example templates (`Templates/`), resolved end to end.
@Suite("Example templates")
struct ExampleTemplateTests {
    func resolve(_ name: String, _ parameters: [(String, String)] = []) throws -> TemplateResolver.Result {
        let template = try Template.load(path: exampleTemplates.appendingPathComponent(name).path)
        return TemplateResolver.resolve(template, context: context(parameters, stackName: "demo"))
    }

    @Test func sqsQueuesInProduction() throws {
        let r = try resolve("sqs-queues.yaml", [("Environment", "prod"), ("AlarmEmail", "ops@example.com")])
        #expect(r.errors.isEmpty)
        let queue = try #require(r.template.resource("WorkQueue")?.properties)
        #expect(compact(queue["MessageRetentionPeriod"]!) == "1209600")
        #expect(compact(queue["RedrivePolicy"]!) == #"{"deadLetterTargetArn":{"Fn::GetAtt":["DeadLetterQueue","Arn"]},"maxReceiveCount":5}"#)
        let alarm = try #require(r.template.resource("QueueDepthAlarm")?.properties)
        #expect(compact(alarm["EvaluationPeriods"]!) == "1")
        #expect(compact(alarm["OKActions"]!) == #"[{"Ref":"AlarmTopic"}]"#)
        #expect(compact(alarm["AlarmDescription"]!) == #"{"Fn::Sub":"Too many visible messages in ${WorkQueue.QueueName}"}"#)
        #expect(r.template.output("QueueUrl")?.exportName?.text == "demo-QueueUrl")
    }

    @Test func sqsQueuesInDevDropsOKActions() throws {
        let r = try resolve("sqs-queues.yaml", [("AlarmEmail", "ops@example.com")])
        let alarm = try #require(r.template.resource("QueueDepthAlarm")?.properties)
        #expect(alarm["OKActions"] == nil)
        #expect(compact(alarm["EvaluationPeriods"]!) == "3")
    }

    @Test func sqsQueuesChecksParameters() throws {
        let missing = try resolve("sqs-queues.yaml")
        #expect(missing.errors.map(\.kind) == [.missingParameterValue])
        let bad = try resolve("sqs-queues.yaml", [("AlarmEmail", "not-an-email"), ("QueueDepthThreshold", "0")])
        #expect(bad.errors.map(\.kind) == [.invalidParameterValue, .invalidParameterValue])
        #expect(bad.errors[0].description.contains("sqs-queues.yaml:"))
    }

    @Test func vpcUsesTheRegionsZones() throws {
        let template = try Template.load(path: exampleTemplates.appendingPathComponent("vpc.yaml").path)
        let r = TemplateResolver.resolve(template, context: context(region: "eu-west-1", stackName: "net"))
        #expect(r.errors.isEmpty)
        #expect(r.template.resource("PublicSubnet2")?.properties?["AvailabilityZone"]?.text == "eu-west-1b")
        #expect(r.template.resource("Vpc")?.properties?["Tags"]?.sequence?.first?["Value"]?.text == "net-vpc")
    }

    @Test func appKeepsImportsAndSSMParameters() throws {
        let r = try resolve("app.yaml", [("NetworkStackName", "shared-net")])
        #expect(r.errors.isEmpty)
        let sg = try #require(r.template.resource("InstanceSecurityGroup")?.properties)
        #expect(compact(sg["VpcId"]!) == #"{"Fn::ImportValue":"shared-net-VpcId"}"#)
        let data = try #require(r.template.resource("LaunchTemplate")?.properties?["LaunchTemplateData"])
        #expect(compact(data["ImageId"]!) == #"{"Ref":"ImageId"}"#)
        let userData = try #require(data["UserData"]?.text)
        #expect(String(data: Data(base64Encoded: userData)!, encoding: .utf8)!.contains("served by demo"))
    }

    @Test func s3WebsiteJSON() throws {
        let dev = try resolve("s3-website.json")
        #expect(dev.errors.isEmpty)
        #expect(dev.template.format == .json)
        let prod = try resolve("s3-website.json", [("Environment", "prod"), ("SiteBucketName", "my-site")])
        #expect(prod.errors.isEmpty)
        #expect(prod.template.resource("SiteBucket")?.properties?["BucketName"]?.text == "my-site")
        #expect(prod.template.resource("SiteBucket")?.properties?["VersioningConfiguration"]?["Status"]?.text == "Enabled")
        #expect(dev.template.resource("SiteBucket")?.properties?["BucketName"] == nil)
    }

    @Test(arguments: ["nested/root.yaml", "nested/network.yaml", "nested/app.yaml", "sqs-queues-v2.yaml"])
    func otherExamplesResolve(_ name: String) throws {
        let template = try Template.load(path: exampleTemplates.appendingPathComponent(name).path)
        let r = TemplateResolver.resolve(template, context: context(policy: .symbolic))
        #expect(r.errors.isEmpty, "\(r.errors)")
        #expect(r.template.resources.count == template.resources.count)
    }

    @Test func analysisOfTheExamples() throws {
        let template = try Template.load(path: exampleTemplates.appendingPathComponent("s3-website.json").path)
        let a = ConditionAnalysis(template: template)
        #expect(a.truth(of: "IsProduction").truth == .dependsOnParameters)
        #expect(a.canBothBeTrue("IsProduction", "HasCustomBucketName").value)
    }
}
