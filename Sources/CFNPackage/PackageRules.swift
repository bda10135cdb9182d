/// How a packaged property is written back once its artifact has a key.
public enum ArtifactShape: Sendable, Hashable {
    /// `s3://bucket/key`
    case s3URL
    /// A mapping of the bucket and the key under these names, e.g. `{S3Bucket, S3Key}`.
    case bucketKey(bucket: String, key: String)
    /// `https://<endpoint>/bucket/key`, path style, as TemplateURL needs.
    case templateURL
}

/// What a property holds once resolved on disk, and so how it is packaged.
public enum ArtifactTreatment: Sendable, Hashable {
    /// A folder is zipped, a file uploaded as it is.
    case asIs
    /// A folder is zipped and so is a single file (unless it already is a zip): Lambda code and layers.
    case zip
    /// A file only (AWS::Include): a folder is an error.
    case fileOnly
    /// A nested template, packaged recursively.
    case template
}

/// One property cfnkit packages: on which resource type, at which path under Properties, in which shape.
/// This is the list aws-cli 1.45 packages (`artifact_exporter.py`), kept as data.
public struct PackagedProperty: Sendable, Hashable {
    public let resourceType: String
    public let propertyPath: [String]
    public let shape: ArtifactShape
    public let treatment: ArtifactTreatment

    public var propertyName: String { propertyPath.joined(separator: ".") }

    public static let resources: [PackagedProperty] = [
        .init(resourceType: "AWS::Serverless::Function", propertyPath: ["CodeUri"], shape: .s3URL, treatment: .zip),
        .init(resourceType: "AWS::Serverless::Api", propertyPath: ["DefinitionUri"], shape: .s3URL, treatment: .asIs),
        .init(resourceType: "AWS::AppSync::GraphQLSchema", propertyPath: ["DefinitionS3Location"], shape: .s3URL, treatment: .asIs),
        .init(resourceType: "AWS::AppSync::Resolver", propertyPath: ["RequestMappingTemplateS3Location"], shape: .s3URL, treatment: .asIs),
        .init(resourceType: "AWS::AppSync::Resolver", propertyPath: ["ResponseMappingTemplateS3Location"], shape: .s3URL, treatment: .asIs),
        .init(resourceType: "AWS::AppSync::FunctionConfiguration", propertyPath: ["RequestMappingTemplateS3Location"], shape: .s3URL, treatment: .asIs),
        .init(resourceType: "AWS::AppSync::FunctionConfiguration", propertyPath: ["ResponseMappingTemplateS3Location"], shape: .s3URL, treatment: .asIs),
        .init(resourceType: "AWS::ApiGateway::RestApi", propertyPath: ["BodyS3Location"], shape: .bucketKey(bucket: "Bucket", key: "Key"), treatment: .asIs),
        .init(resourceType: "AWS::Lambda::Function", propertyPath: ["Code"], shape: .bucketKey(bucket: "S3Bucket", key: "S3Key"), treatment: .zip),
        .init(resourceType: "AWS::ElasticBeanstalk::ApplicationVersion", propertyPath: ["SourceBundle"], shape: .bucketKey(bucket: "S3Bucket", key: "S3Key"), treatment: .asIs),
        .init(resourceType: "AWS::CloudFormation::Stack", propertyPath: ["TemplateURL"], shape: .templateURL, treatment: .template),
        .init(resourceType: "AWS::Serverless::Application", propertyPath: ["Location"], shape: .templateURL, treatment: .template),
        .init(resourceType: "AWS::Serverless::LayerVersion", propertyPath: ["ContentUri"], shape: .s3URL, treatment: .zip),
        .init(resourceType: "AWS::Lambda::LayerVersion", propertyPath: ["Content"], shape: .bucketKey(bucket: "S3Bucket", key: "S3Key"), treatment: .zip),
        .init(resourceType: "AWS::Glue::Job", propertyPath: ["Command", "ScriptLocation"], shape: .s3URL, treatment: .asIs),
        .init(resourceType: "AWS::StepFunctions::StateMachine", propertyPath: ["DefinitionS3Location"], shape: .bucketKey(bucket: "Bucket", key: "Key"), treatment: .asIs),
        .init(resourceType: "AWS::Serverless::StateMachine", propertyPath: ["DefinitionUri"], shape: .bucketKey(bucket: "Bucket", key: "Key"), treatment: .asIs),
        .init(resourceType: "AWS::CodeCommit::Repository", propertyPath: ["Code", "S3"], shape: .bucketKey(bucket: "Bucket", key: "Key"), treatment: .zip),
    ]

    /// `Metadata: AWS::ServerlessRepo::Application:` properties.
    public static let metadataType = "AWS::ServerlessRepo::Application"
    public static let metadata: [PackagedProperty] = [
        .init(resourceType: metadataType, propertyPath: ["ReadmeUrl"], shape: .s3URL, treatment: .asIs),
        .init(resourceType: metadataType, propertyPath: ["LicenseUrl"], shape: .s3URL, treatment: .asIs),
    ]

    /// `Fn::Transform: {Name: AWS::Include, Parameters: {Location: ...}}`, anywhere in a template.
    public static let include = PackagedProperty(resourceType: "AWS::Include", propertyPath: ["Location"], shape: .s3URL, treatment: .fileOnly)

    static let byType: [String: [PackagedProperty]] = Dictionary(grouping: resources, by: \.resourceType)
}
