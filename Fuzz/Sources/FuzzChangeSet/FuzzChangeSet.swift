import CFNChangeSet
import CFNIntrinsics
import CFNTemplate
import FuzzSupport

// The change-set diff on two mutated versions of one template: the input is loaded (any
// template), two versions are derived by tree mutations seeded from the input (drop, rename or
// retype a resource, change scalars, drop list items and mapping entries), and the change set is
// built both ways and rendered.

let loader = TemplateLoader(limits: LoaderLimits(maxBytes: 1 << 20, maxDepth: 64, maxNodes: 100_000))
let context = EvaluationContext(region: "us-east-1", stackName: "fuzz", forEachLimit: 2_000)

struct Mutator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return state >> 33
    }
    mutating func pick(_ n: Int) -> Int { n <= 1 ? 0 : Int(next() % UInt64(n)) }
    mutating func chance(_ percent: Int) -> Bool { Int(next() % 100) < percent }

    mutating func mutate(_ node: Node, depth: Int) -> Node {
        var node = node
        switch node.value {
        case .scalar(let scalar):
            if chance(15) {
                let replacements = ["changed", "1", "true", "", "AWS::S3::Bucket", "10.0.0.0/8", scalar.text + "x"]
                node.value = .scalar(Scalar(replacements[pick(replacements.count)], style: chance(50) ? .plain : .doubleQuoted))
            }
        case .sequence(var items):
            if !items.isEmpty && chance(10) { items.remove(at: pick(items.count)) }
            node.value = .sequence(items.map { mutate($0, depth: depth + 1) })
        case .mapping(let mapping):
            var result = Mapping()
            for entry in mapping.entries {
                if depth <= 2 && chance(8) { continue }
                var key = entry.key
                if depth == 1 && chance(5) { key = MappingKey(key.name + "Renamed", range: key.range) }
                if result.entryIndex(key.name) != nil { continue }
                result.append(Mapping.Entry(key: key, value: mutate(entry.value, depth: depth + 1)))
            }
            node.value = .mapping(result)
        }
        return node
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func LLVMFuzzerTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let document = try? loader.load(bytes: bytes, path: "fuzz.yaml") else { return 0 }
    var mutator = Mutator(state: fnv1a(bytes))
    let a = Template(root: mutator.mutate(document.root, depth: 0), path: "a.yaml")
    let b = Template(root: mutator.mutate(document.root, depth: 0), path: "b.yaml")
    for (old, new) in [(a, b), (b, a), (a, a)] {
        let output = ChangeSetBuilder(old: StackVersion(template: old, context: context),
                                      new: StackVersion(template: new, context: context)).build()
        _ = ChangeSetRenderer.json(output.changeSet)
        _ = ChangeSetRenderer.table(output.changeSet)
    }
    return 0
}
