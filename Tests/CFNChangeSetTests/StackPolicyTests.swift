@testable import CFNChangeSet
import CFNTemplate
import Testing

/// The stack-policy evaluator on the AWS User Guide's examples ("Prevent updates to stack resources").
@Suite struct StackPolicyTests {
    static func change(_ id: String, _ type: String, _ action: ChangeAction, _ replacement: Replacement? = .falseValue) -> ResourceChange {
        ResourceChange(action: action, logicalResourceId: id, physicalResourceId: nil, resourceType: type,
                       replacement: action == .modify ? replacement : nil, policyAction: nil, scope: [], details: [],
                       range: .synthetic, nested: nil)
    }

    static func denials(_ policy: String, _ changes: [ResourceChange]) throws -> [String] {
        let check = StackPolicyCheck(policy: try StackPolicy.parse(policy), source: "test",
                                     changeSet: ChangeSet(changes: changes, stackChanges: [], parameters: []))
        return check.denials.map { "\($0.logicalResourceId) \($0.action) \($0.statement.map(String.init) ?? "default")\($0.conditional ? " conditional" : "")" }
    }

    @Test func protectOneResource() throws {
        let policy = """
            {"Statement": [
              {"Effect": "Allow", "Action": "Update:*", "Principal": "*", "Resource": "*"},
              {"Effect": "Deny", "Action": "Update:*", "Principal": "*", "Resource": "LogicalResourceId/ProductionDatabase"}]}
            """
        #expect(try Self.denials(policy, [
            Self.change("ProductionDatabase", "AWS::RDS::DBInstance", .modify),
            Self.change("WebServer", "AWS::EC2::Instance", .modify, .trueValue),
            Self.change("NewThing", "AWS::SNS::Topic", .add),
        ]) == ["ProductionDatabase Update:Modify 2"])
    }

    @Test func preventReplacementOfOneInstance() throws {
        let policy = """
            {"Statement": [
              {"Effect": "Allow", "Action": "Update:*", "Principal": "*", "Resource": "*"},
              {"Effect": "Deny", "Action": "Update:Replace", "Principal": "*", "Resource": "LogicalResourceId/MyInstance"}]}
            """
        #expect(try Self.denials(policy, [Self.change("MyInstance", "AWS::EC2::Instance", .modify)]).isEmpty)
        #expect(try Self.denials(policy, [Self.change("MyInstance", "AWS::EC2::Instance", .modify, .trueValue)]) == ["MyInstance Update:Replace 2"])
        #expect(try Self.denials(policy, [Self.change("MyInstance", "AWS::EC2::Instance", .modify, .conditional)]) == ["MyInstance Update:Replace 2 conditional"])
    }

    @Test func protectEveryResourceOfSomeTypes() throws {
        let policy = """
            {"Statement": [
              {"Effect": "Deny", "Action": "Update:*", "Principal": "*", "Resource": "*",
               "Condition": {"StringEquals": {"ResourceType": ["AWS::EC2::Instance", "AWS::RDS::DBInstance"]}}},
              {"Effect": "Allow", "Action": "Update:*", "Principal": "*", "Resource": "*"}]}
            """
        #expect(try Self.denials(policy, [
            Self.change("Web", "AWS::EC2::Instance", .modify),
            Self.change("Db", "AWS::RDS::DBInstance", .remove),
            Self.change("Queue", "AWS::SQS::Queue", .remove),
        ]) == ["Web Update:Modify 1", "Db Update:Delete 1"])
    }

    @Test func denyNestedStackUpdatesWithStringLike() throws {
        let policy = """
            {"Statement": [
              {"Effect": "Deny", "Action": ["Update:Replace", "Update:Delete"], "Principal": "*", "Resource": "*",
               "Condition": {"StringLike": {"ResourceType": ["AWS::CloudFormation::*"]}}},
              {"Effect": "Allow", "Action": "Update:*", "Principal": "*", "Resource": "*"}]}
            """
        #expect(try Self.denials(policy, [
            Self.change("Child", "AWS::CloudFormation::Stack", .modify),
            Self.change("Other", "AWS::CloudFormation::Stack", .remove),
        ]) == ["Other Update:Delete 1"])
    }

    @Test func everythingButOneAndDefaultDeny() throws {
        // Allow with NotResource: the one resource left out is protected by the default deny.
        let policy = """
            {"Statement": [{"Effect": "Allow", "Action": "Update:*", "Principal": "*", "NotResource": "LogicalResourceId/ProductionDatabase"}]}
            """
        #expect(try Self.denials(policy, [
            Self.change("ProductionDatabase", "AWS::RDS::DBInstance", .modify),
            Self.change("App", "AWS::Lambda::Function", .modify),
        ]) == ["ProductionDatabase Update:Modify default"])
        // NotAction: everything but deletion allowed.
        let noDelete = #"{"Statement": [{"Effect": "Allow", "NotAction": "Update:Delete", "Principal": "*", "Resource": "*"}]}"#
        #expect(try Self.denials(noDelete, [Self.change("A", "AWS::S3::Bucket", .remove), Self.change("B", "AWS::S3::Bucket", .modify, .trueValue)])
                == ["A Update:Delete default"])
        // Wildcards in logical ids.
        let prefix = #"{"Statement": [{"Effect": "Allow", "Action": "Update:*", "Principal": "*", "Resource": "LogicalResourceId/App*"}]}"#
        #expect(try Self.denials(prefix, [Self.change("AppQueue", "AWS::SQS::Queue", .modify), Self.change("Db", "AWS::SQS::Queue", .modify)])
                == ["Db Update:Modify default"])
    }

    @Test func badPolicies() {
        for bad in ["[]", #"{"Statement": [{"Effect": "Maybe", "Action": "Update:*", "Resource": "*"}]}"#,
                    #"{"Statement": [{"Effect": "Allow", "Action": "Update:Rename", "Resource": "*"}]}"#,
                    #"{"Statement": [{"Effect": "Allow", "Action": "Update:*"}]}"#] {
            #expect(throws: StackPolicy.Failure.self, "\(bad)") { try StackPolicy.parse(bad) }
        }
    }
}
