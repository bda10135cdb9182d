import Foundation

/// Pretty JSON for reports (two-space indent, sorted keys, `"key": value`), deterministic across
/// platforms, unlike JSONSerialization's Linux output.
public enum JSONWriter {
    public static func string(_ value: Any, sortedKeys: Bool = true) -> String {
        var out = ""
        write(value, level: 0, sortedKeys: sortedKeys, into: &out)
        return out + "\n"
    }

    private static func write(_ value: Any, level: Int, sortedKeys: Bool, into out: inout String) {
        let pad = String(repeating: "  ", count: level + 1)
        let closePad = String(repeating: "  ", count: level)
        switch value {
        case let dictionary as [String: Any]:
            if dictionary.isEmpty { out += "{}"; return }
            let keys = sortedKeys ? dictionary.keys.sorted() : Array(dictionary.keys)
            out += "{\n"
            for (i, key) in keys.enumerated() {
                out += pad + Emitter.jsonString(key) + ": "
                write(dictionary[key]!, level: level + 1, sortedKeys: sortedKeys, into: &out)
                out += i + 1 < keys.count ? ",\n" : "\n"
            }
            out += closePad + "}"
        case let pairs as KeyValuePairs<String, Any>:
            if pairs.isEmpty { out += "{}"; return }
            out += "{\n"
            for (i, pair) in pairs.enumerated() {
                out += pad + Emitter.jsonString(pair.key) + ": "
                write(pair.value, level: level + 1, sortedKeys: sortedKeys, into: &out)
                out += i + 1 < pairs.count ? ",\n" : "\n"
            }
            out += closePad + "}"
        case let array as [Any]:
            if array.isEmpty { out += "[]"; return }
            out += "[\n"
            for (i, item) in array.enumerated() {
                out += pad
                write(item, level: level + 1, sortedKeys: sortedKeys, into: &out)
                out += i + 1 < array.count ? ",\n" : "\n"
            }
            out += closePad + "]"
        case let string as String:
            out += Emitter.jsonString(string)
        case let bool as Bool:
            out += bool ? "true" : "false"
        case let int as Int:
            out += String(int)
        case let double as Double:
            out += double.rounded() == double && abs(double) < 1e15 ? String(Int(double)) : String(double)
        case is NSNull:
            out += "null"
        case let number as NSNumber:
            out += number.stringValue
        case let node as Node:
            out += Emitter.json(node).trimmingCharacters(in: .newlines)
        default:
            out += Emitter.jsonString("\(value)")
        }
    }
}
