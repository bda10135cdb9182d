import Foundation
import Testing

@testable import CFNSchema

private let registry = SchemaRegistry.bundled

@Suite struct ProviderSchemaFacts {
    @Test func sqsQueue() throws {
        let q = try #require(registry.resourceType("AWS::SQS::Queue", region: "us-east-1"))
        #expect(q.kind == .aws)
        #expect(q.createOnlyProperties.contains("/properties/QueueName"))
        #expect(q.createOnlyProperties.contains("/properties/FifoQueue"))
        #expect(q.updateBehavior(forPropertyPath: "QueueName") == .replacement)
        #expect(q.updateBehavior(forPropertyPath: "/properties/FifoQueue") == .replacement)
        #expect(q.updateBehavior(forPropertyPath: "VisibilityTimeout") == .mutable)
        #expect(Set(q.attributes) == ["Arn", "QueueUrl"])
        #expect(q.schema.refReturns == ["QueueUrl"])
        #expect(q.attributeType("Arn") == .string)
        #expect(q.schema.propertyTypes(["RedrivePolicy"]) == [.object, .string])
        #expect(q.schema.tagging?.tagProperty == "/properties/Tags")
    }

    @Test func rdsNestedAttribute() throws {
        let db = try #require(registry.resourceType("AWS::RDS::DBInstance", region: "us-east-1"))
        #expect(db.attributes.contains("Endpoint.Address"))
        #expect(db.schema.hasAttribute("Endpoint.Port"))
        #expect(!db.schema.hasAttribute("Endpoint.Nope"))
        #expect(db.attributeType("Endpoint.Address") == .string)
    }

    @Test func ec2InstanceUpdateBehaviour() throws {
        let i = try #require(registry.resourceType("AWS::EC2::Instance", region: "us-east-1"))
        #expect(i.updateBehavior(forPropertyPath: "InstanceType") == .conditional)
        #expect(i.updateBehavior(forPropertyPath: "ImageId") == .replacement)
        // Below a create-only property is create-only too.
        #expect(i.updateBehavior(forPropertyPath: "ImageId.Anything") == .replacement)
        // Below a conditional property is conditional.
        #expect(i.updateBehavior(forPropertyPath: "BlockDeviceMappings/0/Ebs") == .conditional)
        #expect(i.schema.refReturns == ["InstanceId"])
    }

    @Test func refResolution() throws {
        let q = try #require(registry.resourceType("AWS::SQS::Queue"))
        let tags = try #require(q.schema.propertySchema("Tags"))
        let item = q.schema.resolve(try #require(tags["items"]))
        #expect(item["properties"]?["Key"]?["type"] == .string("string"))
        #expect(q.schema.schema(atPath: ["Tags", "*", "Value"])?["type"] == .string("string"))
        #expect(q.schema.resolveRef("#/properties/QueueName")?["type"] == .string("string"))
    }

    @Test func wildcardPaths() {
        #expect(ResourceSchema.pathIsUnder(["A", "3", "B"], ["A", "*", "B"]))
        #expect(!ResourceSchema.pathIsUnder(["A"], ["A", "*", "B"]))
        #expect(ResourceSchema.components("/properties/Endpoint/Port") == ["Endpoint", "Port"])
        #expect(ResourceSchema.components("Endpoint.Port") == ["Endpoint", "Port"])
    }
}

@Suite struct Regions {
    @Test func allRegionsAndCounts() {
        #expect(registry.allRegions.count == 46)
        #expect(registry.types(in: "us-east-1").count == 1584)
        #expect(registry.types(in: "nowhere-1").isEmpty)
    }

    @Test func availability() {
        #expect(registry.isAvailable("AWS::EC2::Instance", in: "us-east-1"))
        #expect(registry.regions(for: "AWS::EC2::Instance").count == 46)
        // AIOps investigation groups are in us-east-1 but not in the China regions.
        #expect(registry.isAvailable("AWS::AIOps::InvestigationGroup", in: "us-east-1"))
        #expect(!registry.isAvailable("AWS::AIOps::InvestigationGroup", in: "cn-north-1"))
        #expect(!registry.regions(for: "AWS::AIOps::InvestigationGroup").contains("cn-north-1"))
        #expect(registry.resourceType("AWS::AIOps::InvestigationGroup", region: "cn-north-1") == nil)
        #expect(throws: UnknownResourceTypeError.self) {
            try registry.lookup("AWS::AIOps::InvestigationGroup", region: "cn-north-1")
        }
    }

    @Test func availabilityZones() {
        #expect(
            registry.availabilityZones(region: "us-east-1")
                == ["us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d", "us-east-1e", "us-east-1f"])
        #expect(registry.availabilityZones(region: "nowhere-1").isEmpty)
    }
}

@Suite struct Kinds {
    @Test func customResources() throws {
        #expect(registry.typeKind("Custom::Thing") == .custom)
        let c = try #require(registry.resourceType("Custom::Thing", region: "eu-west-1"))
        #expect(c.schema.acceptsAnyProperty && c.schema.hasAttribute("Whatever.Nested"))
        #expect(c.required == ["ServiceToken"])
        let cr = try #require(registry.resourceType("AWS::CloudFormation::CustomResource", region: "us-east-1"))
        #expect(cr.kind == .custom && cr.schema.hasAttribute("Anything"))
        #expect(registry.isAvailable("Custom::Thing", in: "cn-north-1"))
    }

    @Test func unknownAndModules() {
        #expect(registry.typeKind("Acme::Widget::Gear") == .thirdPartyOrUnknown)
        #expect(registry.resourceType("Acme::Widget::Gear", region: "us-east-1") == nil)
        #expect(registry.typeKind("AWS::SQS::Queu") == .thirdPartyOrUnknown)
        #expect(registry.suggestions(for: "AWS::SQS::Queu").first == "AWS::SQS::Queue")
        #expect(registry.suggestions(for: "aws::s3::bucket").first == "AWS::S3::Bucket")
        #expect(registry.typeKind("My::Org::Stack::MODULE") == .module)
        #expect(registry.resourceType("My::Org::Stack::MODULE", region: "us-east-1")?.schema.acceptsAnyProperty == true)
        #expect(registry.typeKind("Alexa::ASK::Skill") == .aws)
    }

    @Test func serverless() throws {
        #expect(registry.typeKind("AWS::Serverless::Function") == .serverless)
        #expect(registry.typeKind("AWS::Serverless::Nope") == .thirdPartyOrUnknown)
        let f = try #require(registry.resourceType("AWS::Serverless::Function", region: "us-east-1"))
        #expect(f.properties["Runtime"] != nil && f.properties["CodeUri"] != nil)
        #expect(f.samGeneratedType == "AWS::Lambda::Function")
        for t in ["Api", "HttpApi", "SimpleTable", "LayerVersion", "Application", "StateMachine", "Connector", "GraphQLApi"] {
            #expect(registry.resourceType("AWS::Serverless::" + t) != nil, "\(t)")
        }
        let table = try #require(registry.resourceType("AWS::Serverless::SimpleTable"))
        #expect(table.properties["PrimaryKey"] != nil)
    }

    /// A SAM property updates as the generated resource's property of the same name; one the
    /// transform maps elsewhere has no update behaviour of its own (not "Mutable").
    @Test func serverlessSummaryTakesUpdatesFromTheGeneratedType() throws {
        let f = try #require(registry.resourceType("AWS::Serverless::Function", region: "us-east-1"))
        let lambda = try #require(registry.resourceType("AWS::Lambda::Function", region: "us-east-1"))
        let summary = TypeSummary(f, generated: lambda)
        let update = Dictionary(uniqueKeysWithValues: summary.properties.map { ($0.name, $0.update) })
        #expect(update["FunctionName"] == .some(.replacement))
        #expect(update["MemorySize"] == .some(.mutable))
        #expect(update["CodeUri"] == .some(nil))
        #expect(summary.renderText().contains("(by the transform)"))
    }
}

@Suite struct Overlay {
    @Test func overlayOverridesAndAdds() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cfnkit-overlay-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let queue = """
            {"typeName": "AWS::SQS::Queue", "description": "newer",
             "properties": {"QueueName": {"type": "string"}, "Shiny": {"type": "boolean"}, "Arn": {"type": "string"}},
             "createOnlyProperties": ["/properties/Shiny"], "readOnlyProperties": ["/properties/Arn"],
             "primaryIdentifier": ["/properties/QueueName"], "additionalProperties": false}
            """
        let widget = """
            {"typeName": "AWS::New::Widget", "properties": {"Size": {"type": "integer"}, "Id": {"type": "string"}},
             "readOnlyProperties": ["/properties/Id"], "primaryIdentifier": ["/properties/Id"], "required": ["Size"]}
            """
        try queue.write(to: dir.appendingPathComponent("aws-sqs-queue.json"), atomically: true, encoding: .utf8)
        try widget.write(to: dir.appendingPathComponent("aws-new-widget.json"), atomically: true, encoding: .utf8)

        let r = SchemaRegistry(overlayDirectory: dir)
        let q = try #require(r.resourceType("AWS::SQS::Queue", region: "us-east-1"))
        #expect(q.source == .overlay(dir.appendingPathComponent("aws-sqs-queue.json").path))
        #expect(q.updateBehavior(forPropertyPath: "Shiny") == .replacement)
        #expect(q.updateBehavior(forPropertyPath: "FifoQueue") == .mutable)
        #expect(q.attributes == ["Arn"])
        let w = try #require(r.resourceType("AWS::New::Widget", region: "eu-west-1"))
        #expect(w.kind == .aws && w.required == ["Size"] && w.attributeType("Id") == .string)
        #expect(r.types(in: "us-east-1").contains("AWS::New::Widget"))
        #expect(r.types(in: "us-east-1").count == 1585)
        // Types not in the overlay still come from the bundle.
        let bucket = try #require(r.resourceType("AWS::S3::Bucket", region: "us-east-1"))
        guard case .bundled = bucket.source else {
            Issue.record("AWS::S3::Bucket should come from the bundle")
            return
        }
    }
}

@Suite struct JSONParsing {
    @Test func parsesAndKeepsKeyOrder() throws {
        let v = try JSONParser.parse(#"{"b": 1, "a": [true, null, -2.5e1, "x\u00e9\n\ud83d\ude00"]}"#)
        #expect(v.objectValue?.keys == ["b", "a"])
        #expect(v["b"] == .int(1))
        #expect(v["a"]?.arrayValue == [.bool(true), .null, .double(-25), .string("xé\n😀")])
        #expect(try JSONParser.parse(v.serialized()) == v)
    }

    @Test func rejectsInvalid() {
        for bad in ["{", "[1,]", "{\"a\" 1}", "01x", "01", "-", "\"\\q\"", "tru", "1 2"] {
            #expect(throws: JSONParseError.self, "\(bad)") { try JSONParser.parse(bad) }
        }
    }

    @Test func sampleOfBundledSchemasLoads() throws {
        let types = registry.types(in: "us-east-1")
        for t in stride(from: 0, to: types.count, by: 40).map({ types[$0] }) {
            #expect(registry.resourceType(t, region: "us-east-1") != nil, "\(t)")
        }
        #expect(registry.errors.isEmpty)
    }
}

@Suite struct Concurrency {
    @Test func concurrentLookupsAgree() {
        let r = SchemaRegistry(overlayDirectory: nil)
        let names = ["AWS::SQS::Queue", "AWS::EC2::Instance", "AWS::RDS::DBInstance", "AWS::S3::Bucket"]
        let results = Mutex(Array(repeating: 0, count: 64))
        DispatchQueue.concurrentPerform(iterations: 64) { i in
            let n = r.resourceType(names[i % names.count], region: "us-east-1")?.attributes.count ?? -1
            results.withLock { $0[i] = n }
        }
        let counts = results.withLock { $0 }
        for i in 0..<64 { #expect(counts[i] == counts[i % names.count] && counts[i] > 0) }
    }
}

/// Minimal lock box for the test (Synchronization.Mutex needs macOS 15).
final class Mutex<T>: @unchecked Sendable {
    private var value: T
    private let lock = NSLock()
    init(_ value: T) { self.value = value }
    func withLock<R>(_ body: (inout T) -> R) -> R { lock.withLock { body(&value) } }
}
