import CFNSchema
import CFNTemplate

/// Runs the property validator over every resource of a template once per file, region by
/// region; the E3 property rules each report their share.
enum PropertyValidation {
    static func problems(_ ctx: LintContext) -> [PropertyProblem] {
        ctx.memo.value("properties") { compute(ctx) }
    }

    /// The paths of properties the schema does not allow (E3002 "Additional properties"): cfn-lint
    /// stops there, so nothing inside one (a Ref, a GetAtt) is validated further.
    static func unexpectedPaths(_ ctx: LintContext) -> [[PathElement]] {
        ctx.memo.value("unexpectedProperties") {
            problems(ctx).filter { $0.ruleId == "E3002" && $0.message.hasPrefix("Additional properties are not allowed") }
                .map(\.location.path)
        }
    }

    /// Whether `path` lies inside a property the resource's schema does not allow.
    static func isUnderUnexpectedProperty(_ ctx: LintContext, _ path: [PathElement]) -> Bool {
        guard path.count > 3, path[0] == .key("Resources") else { return false }
        return unexpectedPaths(ctx).contains { p in p.count < path.count && Array(path.prefix(p.count)) == p }
    }

    static func compute(_ ctx: LintContext) -> [PropertyProblem] {
        var out: [PropertyProblem] = []
        var seen = Set<String>()
        var tested = Set<String>()
        func collect(_ n: Node) {
            switch n.value {
            case .mapping(let m):
                for e in m.entries {
                    if e.key.name == "Ref", let t = e.value.text { tested.insert(t) }
                    collect(e.value)
                }
            case .sequence(let items): items.forEach(collect)
            case .scalar: break
            }
        }
        for c in ctx.template.conditions { collect(c.node) }
        for r in ctx.template.resources {
            // Resources with a logical id cfn-lint rejects (E3001) are not validated further.
            guard let type = r.type, isAlphanumeric(r.logicalId), let body = r.node.mapping else { continue }
            switch ctx.schemas.typeKind(type) {
            case .aws, .custom: break
            default: continue  // SAM (validated after the transform by cfn-lint), modules, unknown types
            }
            let base: [PathElement] = [.key("Resources"), .key(r.logicalId), .key("Properties")]
            for region in ctx.regions {
                guard let info = ctx.schemas.resourceType(type, region: region) else { continue }
                let root = SchemaCompiler.shared.root(for: info)
                var validator = PropertyValidator(template: ctx.template, schemas: ctx.schemas, region: region)
                validator.packagePaths = packagePaths[type] ?? []
                validator.conditionParameters = tested
                validator.resourceType = type
                let resourceCondition = r.conditionNode?.text.map { [ConditionAssumption($0, true)] } ?? []
                validator.contextAssumptions = resourceCondition
                validator.satisfiable = { [ctx] in TypeSpecific.satisfiable(ctx, $0) }
                var found: [PropertyProblem] = []
                if let entry = body.entry("Properties") {
                    if PropertyValidator.isNoValue(entry.value) {
                        found.append(PropertyProblem(ruleId: "E3012", message: "{'Ref': 'AWS::NoValue'} is not of type object",
                                                     location: Location(entry.key.range, base + [.key("Ref")])))
                    } else if entry.value.intrinsic?.name == "Fn::If" {
                        // Properties chosen by Fn::If: each branch is the resource's properties in its
                        // scenarios, judged at the Properties key as cfn-lint does.
                        for b in KeywordPath.branches(entry.value, at: Location(entry.key.range, base), resourceCondition)
                        where b.node.mapping != nil && TypeSpecific.satisfiable(ctx, b.assumptions) {
                            var branchValidator = validator
                            branchValidator.contextAssumptions = b.assumptions
                            branchValidator.validate(b.node, root, at: Location(entry.key.range, base), into: &found)
                        }
                    } else if entry.value.mapping != nil {
                        validator.validate(entry.value, root, at: Location(entry.key.range, base), into: &found)
                    }
                } else {
                    for name in root.required {
                        found.append(PropertyProblem(ruleId: "E3003", message: "'\(name)' is a required property",
                                                     location: Location(r.key.range, base)))
                    }
                }
                for p in found {
                    let key = "\(p.ruleId)|\(p.location.range.start)|\(p.message)"
                    if seen.insert(key).inserted { out.append(p) }
                }
            }
        }
        return out
    }
}

extension PropertyValidation {
    /// Properties `aws cloudformation package` fills from a local path (cfn-lint's list).
    static let packagePaths: [String: [String]] = [
        "AWS::ApiGateway::RestApi": ["BodyS3Location"],
        "AWS::Lambda::Function": ["Code"],
        "AWS::Lambda::LayerVersion": ["Content"],
        "AWS::ElasticBeanstalk::ApplicationVersion": ["SourceBundle"],
        "AWS::StepFunctions::StateMachine": ["DefinitionS3Location"],
        "AWS::AppSync::GraphQLSchema": ["DefinitionS3Location"],
        "AWS::AppSync::Resolver": ["RequestMappingTemplateS3Location", "ResponseMappingTemplateS3Location"],
        "AWS::AppSync::FunctionConfiguration": ["RequestMappingTemplateS3Location", "ResponseMappingTemplateS3Location"],
        "AWS::CloudFormation::Stack": ["TemplateURL"],
        "AWS::CodeCommit::Repository": ["Code/S3"],
    ]
}
