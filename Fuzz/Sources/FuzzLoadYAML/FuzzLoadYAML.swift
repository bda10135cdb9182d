import CFNTemplate

// The YAML path of the loader, then the emitter: whatever loads must emit, and the emitted
// text must load again (both as YAML and as JSON) to an equivalent tree.
let loader = TemplateLoader(limits: LoaderLimits(maxBytes: 1 << 20, maxDepth: 64, maxNodes: 200_000))
let longFormLoader = TemplateLoader(limits: LoaderLimits(maxBytes: 1 << 20, maxDepth: 64, maxNodes: 200_000, unknownTags: .longForm))

@_cdecl("LLVMFuzzerTestOneInput")
public func LLVMFuzzerTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var bytes = Array(UnsafeBufferPointer(start: data, count: size))
    // Keep this target on the YAML parser: a leading `{` would select strict JSON.
    if let first = bytes.firstIndex(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }), bytes[first] == UInt8(ascii: "{") {
        bytes.insert(UInt8(ascii: "#"), at: 0)
        bytes.insert(0x0A, at: 1)
    }
    _ = try? longFormLoader.load(bytes: bytes, path: "fuzz.yaml")
    guard let document = try? loader.load(bytes: bytes, path: "fuzz.yaml") else { return 0 }
    _ = Template(document)
    roundTrip(document.root)
    return 0
}

func roundTrip(_ root: Node) {
    for style in [Emitter.Style.yaml(shortForm: true), .yaml(shortForm: false), .json] {
        let text = Emitter.emit(root, as: style)
        let again: LoadedDocument
        do { again = try loader.load(bytes: Array(text.utf8), path: "emitted") } catch {
            fatalError("emitted \(style) does not load: \(error)\n--- emitted ---\n\(text)")
        }
        if let difference = root.firstDifference(from: again.root) {
            fatalError("emitted \(style) loads to a different tree at \(difference)\n--- emitted ---\n\(text)")
        }
    }
}
