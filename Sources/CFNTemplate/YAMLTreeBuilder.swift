import CYAML

/// Builds a `Node` tree from libyaml's event stream, iteratively (no recursion, so depth is bounded
/// only by `LoaderLimits.maxDepth`). Rejects what CloudFormation rejects: anchors, aliases, merge keys,
/// unknown tags, duplicate keys, several documents.
struct YAMLTreeBuilder {
    let file: SourceFileID
    let path: String
    let limits: LoaderLimits

    /// One open collection while its children are read.
    private struct Frame {
        var isMapping: Bool
        var start: SourcePosition
        var tag: String?
        var items: [Node] = []
        var mapping = MappingBuilder()
        var pendingKey: MappingKey?
    }

    func build(_ bytes: UnsafeBufferPointer<UInt8>) throws(LoadError) -> Node {
        // libyaml keeps pointers into its parser state between calls, so the parser and the event
        // live at fixed heap addresses rather than in Swift variables the compiler may move.
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        parser.initialize(to: yaml_parser_t())
        let eventPointer = UnsafeMutablePointer<yaml_event_t>.allocate(capacity: 1)
        eventPointer.initialize(to: yaml_event_t())
        defer {
            parser.deallocate()
            eventPointer.deallocate()
        }
        guard yaml_parser_initialize(parser) != 0 else {
            throw LoadError(.syntax, file: path, at: SourcePosition(line: 1, column: 1), "could not initialise the YAML parser")
        }
        defer { yaml_parser_delete(parser) }
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(parser, bytes.baseAddress, bytes.count)

        var stack: [Frame] = []
        var root: Node?
        var documents = 0
        var nodeCount = 0
        var duplicate: LoadError?

        while true {
            guard yaml_parser_parse(parser, eventPointer) != 0 else {
                throw syntaxError(parser.pointee)
            }
            defer { yaml_event_delete(eventPointer) }
            let event = eventPointer.pointee
            let start = position(event.start_mark)
            let end = position(event.end_mark)

            switch event.type {
            case YAML_STREAM_START_EVENT, YAML_DOCUMENT_END_EVENT:
                continue
            case YAML_STREAM_END_EVENT:
                if let duplicate { throw duplicate }
                guard let root else {
                    throw LoadError(.empty, file: path, at: SourcePosition(line: 1, column: 1),
                                    "the template is empty (no YAML or JSON document)")
                }
                return root
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                if documents > 1 {
                    throw LoadError(.multipleDocuments, file: path, at: start,
                                    "a second YAML document starts here; a CloudFormation template is one document")
                }
                continue
            case YAML_ALIAS_EVENT:
                throw LoadError(.alias, file: path, at: start,
                                "YAML aliases (*name) are not supported by CloudFormation")
            case YAML_SCALAR_EVENT:
                let data = event.data.scalar
                if data.anchor != nil { throw anchorError(at: start) }
                nodeCount += 1
                if nodeCount > limits.maxNodes { throw tooManyNodes(at: start) }
                let text = data.value.map { String(decoding: UnsafeBufferPointer(start: $0, count: data.length), as: UTF8.self) } ?? ""
                let tag = data.tag.map { String(cString: $0) }
                let range = SourceRange(file: file, start: start, end: end)
                // A mapping key is taken as it is written; tags on keys are handled in `attach`.
                var scalar = Scalar(text, style: style(data.style))
                if let tag, tag.hasPrefix("tag:yaml.org,2002:") { scalar.tag = tag }
                let node = Node(.scalar(scalar), range: range)
                try attach(node, tag: tag, to: &stack, root: &root, duplicate: &duplicate)
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                let isMapping = event.type == YAML_MAPPING_START_EVENT
                let anchor = isMapping ? event.data.mapping_start.anchor : event.data.sequence_start.anchor
                if anchor != nil { throw anchorError(at: start) }
                let rawTag = isMapping ? event.data.mapping_start.tag : event.data.sequence_start.tag
                if stack.count >= limits.maxDepth {
                    throw LoadError(.tooDeep, file: path, at: start,
                                    "nesting is deeper than \(limits.maxDepth) levels")
                }
                if let top = stack.last, top.isMapping, top.pendingKey == nil {
                    throw LoadError(.nonStringKey, file: path, at: start,
                                    "a mapping key must be a string, not a \(isMapping ? "mapping" : "list")")
                }
                nodeCount += 1
                if nodeCount > limits.maxNodes { throw tooManyNodes(at: start) }
                var frame = Frame(isMapping: isMapping, start: start, tag: rawTag.map { String(cString: $0) })
                // Most mappings in templates have a handful of keys; growing 1 -> 2 -> 4 costs more.
                if isMapping { frame.mapping = MappingBuilder(reservingCapacity: 4) }
                stack.append(frame)
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                let frame = stack.removeLast()
                let range = SourceRange(file: file, start: frame.start, end: end)
                let node = frame.isMapping
                    ? Node(.mapping(frame.mapping.build()), range: range)
                    : Node(.sequence(frame.items), range: range)
                try attach(node, tag: frame.tag, to: &stack, root: &root, duplicate: &duplicate)
            default:
                continue
            }
        }
    }

    /// Places a finished node into its parent: as a key, a mapping value, a list item or the root.
    private func attach(_ raw: consuming Node, tag: String?, to stack: inout [Frame], root: inout Node?,
                        duplicate: inout LoadError?) throws(LoadError) {
        guard !stack.isEmpty else {
            root = tag == nil ? raw : try applyTag(tag, to: raw)
            return
        }
        let top = stack.count - 1
        if stack[top].isMapping, stack[top].pendingKey == nil {
            // This node is a key.
            guard let scalar = raw.scalar else {
                throw LoadError(.nonStringKey, file: path, at: raw.range.start, "a mapping key must be a string")
            }
            if let tag, !tag.hasPrefix("tag:yaml.org,2002:"), tag != "!" {
                throw LoadError(.nonStringKey, file: path, at: raw.range.start,
                                "a mapping key must be a plain string; the tag \(tag) makes it a function call")
            }
            if scalar.style == .plain, scalar.text == "<<" {
                throw LoadError(.mergeKey, file: path, at: raw.range.start,
                                "YAML merge keys (<<) are not supported by CloudFormation")
            }
            let key = MappingKey(scalar.text, range: raw.range)
            if duplicate == nil, let firstIndex = stack[top].mapping.index(of: key.name) {
                let first = stack[top].mapping.entries[firstIndex].key.range.start
                duplicate = LoadError(.duplicateKey, file: path, at: key.range.start,
                                      "duplicate key '\(key.name)' (first defined at line \(first.line), column \(first.column))",
                                      related: [first])
            } else if let dup = duplicate, dup.kind == .duplicateKey, dup.message.hasPrefix("duplicate key '\(key.name)'"),
                      stack[top].mapping.index(of: key.name) != nil {
                duplicate!.related.append(key.range.start)
            }
            stack[top].pendingKey = key
            return
        }
        let node = tag == nil ? raw : try applyTag(tag, to: raw)
        if stack[top].isMapping {
            let key = stack[top].pendingKey!
            stack[top].pendingKey = nil
            stack[top].mapping.append(Mapping.Entry(key: key, value: node))
        } else {
            stack[top].items.append(node)
        }
    }

    /// Turns a short-form tag (`!Ref x`) into its long form (`{"Ref": "x"}`), keeping the tag's position.
    private func applyTag(_ tag: String?, to node: Node) throws(LoadError) -> Node {
        guard let tag, tag != "!", !tag.hasPrefix("tag:yaml.org,2002:") else { return node }
        let name = tag.hasPrefix("!") ? String(tag.dropFirst()) : tag
        let longForm: String
        if let known = IntrinsicNames.shortFormTags[name] {
            longForm = known
        } else if limits.unknownTags == .longForm, tag.hasPrefix("!"), !name.isEmpty {
            longForm = "Fn::" + name
        } else {
            throw LoadError(.unknownTag, file: path, at: node.range.start,
                            "unknown tag \(tag); CloudFormation knows !\(IntrinsicNames.shortFormTags.keys.sorted().joined(separator: " !"))")
        }
        var argument = node
        if longForm == "Fn::GetAtt", let scalar = node.scalar, let dot = scalar.text.firstIndex(of: ".") {
            // `!GetAtt A.B.C` names resource A and attribute B.C.
            let resource = String(scalar.text[..<dot])
            let attribute = String(scalar.text[scalar.text.index(after: dot)...])
            argument = Node(.sequence([
                Node(.scalar(Scalar(resource, style: scalar.style)), range: node.range),
                Node(.scalar(Scalar(attribute, style: scalar.style)), range: node.range),
            ]), range: node.range)
        }
        let keyRange = SourceRange(file: file, start: node.range.start,
                                   end: SourcePosition(line: node.range.start.line, column: node.range.start.column + tag.count))
        return Node(.mapping(Mapping([Mapping.Entry(key: MappingKey(longForm, range: keyRange), value: argument)])),
                    range: node.range)
    }

    private func position(_ mark: yaml_mark_t) -> SourcePosition {
        SourcePosition(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    private func style(_ style: yaml_scalar_style_t) -> ScalarStyle {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: return .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: return .literal
        case YAML_FOLDED_SCALAR_STYLE: return .folded
        default: return .plain
        }
    }

    private func anchorError(at position: SourcePosition) -> LoadError {
        LoadError(.alias, file: path, at: position, "YAML anchors (&name) are not supported by CloudFormation")
    }

    private func tooManyNodes(at position: SourcePosition) -> LoadError {
        LoadError(.tooManyNodes, file: path, at: position, "the template has more than \(limits.maxNodes) nodes")
    }

    private func syntaxError(_ parser: yaml_parser_t) -> LoadError {
        let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
        var message = problem
        if let context = parser.context.map({ String(cString: $0) }) {
            let mark = position(parser.context_mark)
            message += " (\(context) at line \(mark.line), column \(mark.column))"
        }
        let at = parser.error == YAML_READER_ERROR
            ? SourcePosition(line: 1, column: 1)
            : position(parser.problem_mark)
        return LoadError(.syntax, file: path, at: at, message)
    }
}
