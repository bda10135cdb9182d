import CFNTemplate

/// One `Api` event of a function: the method it adds to a REST API's SAM-managed OpenAPI body and
/// what the function's permission for it names.
struct ApiRoute {
    /// Logical id of the `AWS::Serverless::Api` (`ServerlessRestApi` for the implicit API).
    let apiId: String
    /// `RestApiId` as written (a string or a `Ref`), or a `Ref` to the implicit API: the permission's `__ApiId__`.
    let apiIdNode: Node
    /// The API's stage as the permission's logical id ends with it (`Prod`, the StageName, `Stage`).
    let stageSuffix: String
    let path: String
    /// As written (`get`, `ANY`).
    let method: String
    let function: String
    /// What the integration invokes, in `Fn::Sub` form: `${Function.Arn}` or `${FunctionAliaslive}`.
    let invokeTarget: String
    let condition: String?
    let deletionPolicy: String?
    let updateReplacePolicy: String?
    let timeout: Node?
    let streaming: Bool
    let event: String
    let range: SourceRange

    /// The OpenAPI operation key: lower case, `any` as API Gateway's any-method extension.
    var operation: String { method.lowercased() == "any" ? "x-amazon-apigateway-any-method" : method.lowercased() }
}
