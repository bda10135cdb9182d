import CFNTemplate

/// A body declared as OpenAPI 3 (by `openapi` or `OpenApiVersion`) gets Swagger 2.0's sections moved
/// where OpenAPI 3 keeps them: `securityDefinitions` -> `components.securitySchemes`, `definitions` ->
/// `components.schemas`; CORS `options` methods lose `produces`/`consumes` and their headers get a `schema`.
enum OpenApi3Body {
    static func postprocess(_ body: Node, version: String?) -> Node {
        guard var top = body.mapping, body.intrinsic == nil, top["swagger"] == nil else { return body }
        guard let effective = version ?? top["openapi"]?.text, ServerlessApi.matches(ServerlessApi.openApi3, effective) else { return body }
        for (from, to) in [("securityDefinitions", "securitySchemes"), ("definitions", "schemas")] {
            guard let section = top[from], !(section.mapping?.isEmpty ?? false) else { continue }
            var components = top["components"]?.mapping ?? Mapping()
            components.set(to, section)
            top.set("components", .map(components, range: section.range))
            top.remove(from)
        }
        if var paths = top["paths"]?.mapping {
            for entry in paths.entries {
                guard var item = entry.value.mapping, var options = item["options"]?.mapping else { continue }
                options.remove("produces")
                options.remove("consumes")
                if var responses = options["responses"]?.mapping, var ok = responses["200"]?.mapping, let headers = ok["headers"]?.mapping {
                    ok.set("headers", .map(Mapping(headers.entries.map {
                        .init(key: $0.key, value: .object([("schema", $0.value)], at: $0.value.range))
                    }), range: ok["headers"]!.range))
                    responses.set("200", .map(ok, range: responses["200"]!.range))
                    options.set("responses", .map(responses, range: options["responses"]!.range))
                }
                item.set("options", .map(options, range: item["options"]!.range))
                paths.set(entry.key.name, .map(item, range: entry.value.range))
            }
            top.set("paths", .map(paths, range: top["paths"]!.range))
        }
        return .map(top, range: body.range)
    }
}
