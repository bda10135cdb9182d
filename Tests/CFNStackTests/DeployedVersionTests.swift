import CFNAWS
import CFNChangeSet
import CFNIntrinsics
import CFNStack
import CFNTemplate
import Foundation
import Testing

/// The running stack as a change set's old side, from a DeployedStack as CloudFormationClient returns it.
@Suite struct DeployedVersionTests {
    static func stack(_ body: String, parameters: [(String, String)] = [], resources: [(String, String)] = []) -> DeployedStack {
        DeployedStack(
            description: StackDescription(name: "app", id: "arn:aws:cloudformation:us-east-1:123456789012:stack/app/1", status: "UPDATE_COMPLETE",
                                          parameters: parameters.map { StackDescription.Parameter(key: $0.0, value: $0.1) },
                                          tags: [("team", "a")], outputs: []),
            templateBody: body,
            resources: resources.map { StackResourceSummary(logicalId: $0.0, physicalId: $0.1, type: "AWS::SQS::Queue", status: "CREATE_COMPLETE") },
            policyBody: nil)
    }

    static let template = """
        Parameters:
          Name: {Type: String}
          Password: {Type: String, NoEcho: true}
        Resources:
          Queue:
            Type: AWS::SQS::Queue
            Properties:
              QueueName: !Sub '${AWS::StackName}-${Name}'
              Tags: [{Key: p, Value: !Ref Password}]
        """

    func diff(_ deployed: DeployedStack, new: String, parameters: [(String, String)] = []) throws -> ChangeSetBuilder.Output {
        let version = try DeployedVersion(stack: deployed, base: EvaluationContext(region: "us-east-1"))
        let document = try TemplateLoaderShim.load(new)
        var context = EvaluationContext(region: "us-east-1", stackName: "app")
        context.parameters = ParameterValues(parameters)
        var output = ChangeSetBuilder(old: version.stackVersion, new: StackVersion(template: document, context: context, stackTags: version.tags)).build()
        output.changeSet = output.changeSet.withPhysicalIds(deployed.physicalIds)
        return output
    }

    @Test func maskedNoEchoIsUnknownNotStars() throws {
        let deployed = Self.stack(Self.template, parameters: [("Name", "q"), ("Password", "****")], resources: [("Queue", "https://sqs/app-q")])
        let version = try DeployedVersion(stack: deployed, base: EvaluationContext(region: "us-east-1"))
        #expect(version.maskedParameters == ["Password"])
        #expect(version.context.parameters["Password"] == nil)
        #expect(version.context.stackName == "app")
        // Unchanged template, NoEcho kept (UsePreviousValue): no change, no missing-value stop.
        let same = try diff(deployed, new: Self.template)
        #expect(same.warnings.isEmpty, "\(same.warnings)")
        #expect(same.changeSet.changes.isEmpty)
        // A new value for the NoEcho parameter is a change of what it feeds, never compared with "****".
        let changed = try diff(deployed, new: Self.template, parameters: [("Password", "****")])
        #expect(changed.changeSet.changes.map(\.logicalResourceId) == ["Queue"])
        #expect(changed.changeSet.changes.first?.physicalResourceId == "https://sqs/app-q")
    }

    @Test func aLiteralStarsValueOfAParameterWithoutNoEchoIsAValue() throws {
        let deployed = Self.stack(Self.template.replacingOccurrences(of: ", NoEcho: true", with: ""),
                                  parameters: [("Name", "q"), ("Password", "****")])
        #expect(try DeployedVersion(stack: deployed, base: EvaluationContext()).maskedParameters.isEmpty)
    }

    @Test func physicalIdsAndParametersFromTheStack() throws {
        let deployed = Self.stack(Self.template, parameters: [("Name", "q"), ("Password", "****")], resources: [("Queue", "https://sqs/app-q")])
        let output = try diff(deployed, new: Self.template, parameters: [("Name", "renamed")])
        let change = try #require(output.changeSet.changes.first)
        #expect(change.action == .modify)
        #expect(change.replacement == .trueValue)  // QueueName is create-only
        #expect(change.physicalResourceId == "https://sqs/app-q")
    }

    @Test func samStaysSAM() throws {
        let deployed = Self.stack("Transform: AWS::Serverless-2016-10-31\nResources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties: {Handler: i.h, Runtime: python3.12, InlineCode: x}\n")
        let version = try DeployedVersion(stack: deployed, base: EvaluationContext())
        #expect(version.template.resources.first?.type == "AWS::Serverless::Function")
        #expect(version.template.path == "stack:app")
    }
}

/// Templates from text, for the new side.
enum TemplateLoaderShim {
    static func load(_ text: String) throws -> Template {
        Template(try TemplateLoader(limits: LoaderLimits(unknownTags: .longForm)).load(bytes: Array(text.utf8), path: "new.yaml"))
    }
}
