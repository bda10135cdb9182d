import CFNSchema
import CFNTemplate
import Foundation

/// Parameter values given by the user, read from any of the formats the AWS tools take:
///
/// - the `aws cloudformation create-stack --parameters file://...` list:
///   `[{"ParameterKey": "Env", "ParameterValue": "prod"}]`
/// - the CodePipeline template configuration file: `{"Parameters": {"Env": "prod"}}`
/// - `Key=Value` pairs, as `aws cloudformation deploy --parameter-overrides` takes them.
///
/// Later values override earlier ones (`merging`), so `--parameter` can override a file.
public struct ParameterValues: Sendable {
    public struct Given: Sendable {
        public var name: String
        public var value: String
        /// Where the value was written (a position in a parameters file), synthetic for the command line.
        public var range: SourceRange

        public init(name: String, value: String, range: SourceRange = .synthetic) {
            self.name = name
            self.value = value
            self.range = range
        }
    }

    /// In the order first given.
    public private(set) var values: [Given] = []
    private var index: [String: Int] = [:]

    public init() {}

    public init(_ pairs: [(String, String)]) {
        for (k, v) in pairs { set(k, v) }
    }

    public var isEmpty: Bool { values.isEmpty }
    public var names: [String] { values.map(\.name) }

    public subscript(name: String) -> Given? { index[name].map { values[$0] } }

    public mutating func set(_ name: String, _ value: String, range: SourceRange = .synthetic) {
        let given = Given(name: name, value: value, range: range)
        if let i = index[name] { values[i] = given } else {
            index[name] = values.count
            values.append(given)
        }
    }

    /// These values with `other`'s on top.
    public func merging(_ other: ParameterValues) -> ParameterValues {
        var merged = self
        for g in other.values { merged.set(g.name, g.value, range: g.range) }
        return merged
    }

    // MARK: Reading

    /// `Key=Value` items (the value may itself contain `=`).
    public static func parseOverrides(_ items: [String]) throws(EvaluationError) -> ParameterValues {
        var result = ParameterValues()
        for item in items {
            guard let eq = item.firstIndex(of: "="), eq != item.startIndex else {
                throw EvaluationError(.invalidParameterFile, "--parameter '\(item)' is not of the form Key=Value", at: .synthetic)
            }
            result.set(String(item[..<eq]), String(item[item.index(after: eq)...]))
        }
        return result
    }

    public static func load(path: String) throws(EvaluationError) -> ParameterValues {
        // Read like a template: bounded in size, special files (a FIFO would block) refused.
        let bytes: [UInt8]
        do { bytes = try FileReader.read(path: path, maxBytes: Limits.templateBytes) } catch {
            let origin = SourcePosition(line: 1, column: 1)
            throw EvaluationError(.invalidParameterFile, "cannot read the parameters file: \(error.message)",
                                  at: SourceRange(file: SourceFiles.id(for: path), start: origin, end: origin))
        }
        return try parse(json: bytes, path: path)
    }

    /// Reads either JSON format; which one is decided by the top-level shape.
    public static func parse(json bytes: [UInt8], path: String) throws(EvaluationError) -> ParameterValues {
        let file = SourceFiles.id(for: path)
        let locator = TextLocator(bytes: bytes, file: file)
        let top = SourceRange(file: file, start: SourcePosition(line: 1, column: 1), end: SourcePosition(line: 1, column: 1))
        let json: JSONValue
        do {
            json = try JSONParser.parse(bytes)
        } catch let error as JSONParseError {
            throw EvaluationError(.invalidParameterFile, "not valid JSON: \(error.message)", at: locator.range(atByte: error.offset))
        } catch {
            throw EvaluationError(.invalidParameterFile, "not valid JSON: \(error)", at: top)
        }
        var result = ParameterValues()
        switch json {
        case .array(let items):
            for (i, item) in items.enumerated() {
                guard let key = item["ParameterKey"]?.stringValue else {
                    throw EvaluationError(.invalidParameterFile, "item \(i + 1) has no string ParameterKey", at: top)
                }
                let range = locator.range(ofQuoted: key)
                if item["UsePreviousValue"]?.boolValue == true {
                    throw EvaluationError(.invalidParameterFile,
                                          "parameter '\(key)' asks for UsePreviousValue, but there is no previous stack here", at: range)
                }
                guard let value = item["ParameterValue"], let text = scalarText(value) else {
                    throw EvaluationError(.invalidParameterFile, "parameter '\(key)' has no string ParameterValue", at: range)
                }
                result.set(key, text, range: range)
            }
        case .object(let object):
            guard let parameters = object["Parameters"] else {
                throw EvaluationError(.invalidParameterFile,
                                      "expected a list of {ParameterKey, ParameterValue} or an object with \"Parameters\"", at: top)
            }
            guard let entries = parameters.objectValue else {
                throw EvaluationError(.invalidParameterFile, "\"Parameters\" must be an object of names to values", at: top)
            }
            for (key, value) in entries {
                let range = locator.range(ofQuoted: key)
                guard let text = scalarText(value) else {
                    throw EvaluationError(.invalidParameterFile, "parameter '\(key)' must be a string", at: range)
                }
                result.set(key, text, range: range)
            }
        default:
            throw EvaluationError(.invalidParameterFile,
                                  "expected a list of {ParameterKey, ParameterValue} or an object with \"Parameters\"", at: top)
        }
        return result
    }

    private static func scalarText(_ v: JSONValue) -> String? {
        switch v {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .double(let d): return String(d)
        case .bool(let b): return b ? "true" : "false"
        case .array(let items):  // a list for a list-typed parameter
            let parts = items.compactMap(scalarText)
            return parts.count == items.count ? parts.joined(separator: ",") : nil
        default: return nil
        }
    }
}

/// Finds where a JSON string first appears in a file, so errors about a parameter point at it.
private struct TextLocator {
    let bytes: [UInt8]
    let file: SourceFileID

    /// The line and column (in characters) of a byte offset, as a one-character range.
    func range(atByte offset: Int) -> SourceRange {
        var line = 1, column = 1
        for b in bytes.prefix(max(0, offset)) {
            if b == 0x0A { line += 1; column = 1 } else if b & 0xC0 != 0x80 { column += 1 }
        }
        return SourceRange(file: file, start: SourcePosition(line: line, column: column),
                           end: SourcePosition(line: line, column: column + 1))
    }

    func range(ofQuoted text: String) -> SourceRange {
        let needle = Array(Emitter.jsonString(text).utf8)
        var line = 1, column = 1
        var i = 0
        while i + needle.count <= bytes.count {
            if bytes[i] == needle[0], Array(bytes[i..<(i + needle.count)]) == needle {
                return SourceRange(file: file, start: SourcePosition(line: line, column: column),
                                   end: SourcePosition(line: line, column: column + text.count + 2))
            }
            if bytes[i] == 0x0A { line += 1; column = 1 } else if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return SourceRange(file: file, start: SourcePosition(line: 1, column: 1), end: SourcePosition(line: 1, column: 1))
    }
}
