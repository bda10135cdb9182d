import CFNTemplate
import Foundation

/// Renders findings in cfn-lint's formats (and SARIF / GitHub annotations).
public struct Formatter: Sendable {
    public var format: OutputFormat
    public var rules: RuleSet
    public var color: Bool
    /// Tool version printed in SARIF.
    public var version: String

    public init(format: OutputFormat, rules: RuleSet = .builtIn, color: Bool = false, version: String = "0.1.0") {
        self.format = format
        self.rules = rules
        self.color = color
        self.version = version
    }

    public func render(_ report: LintReport) -> String {
        switch format {
        case .text, .pretty: return text(report.findings)
        case .parseable: return parseable(report.findings)
        case .json: return json(report.findings)
        case .junit: return junit(report)
        case .sarif: return sarif(report.findings)
        case .github: return github(report.findings)
        }
    }

    func info(_ id: String) -> RuleInfo {
        rules.info(id) ?? (id == UnmatchedTemplateArgument.info.id ? UnmatchedTemplateArgument.info : nil) ?? RuleInfo(id: id, short: id, description: id, source: Docs.cfnLint)
    }

    // MARK: text

    private func paint(_ s: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }

    func text(_ findings: [Finding]) -> String {
        var out = ""
        for (i, f) in findings.enumerated() {
            if i > 0 { out += "\n" }
            let code = f.severity == .error ? "31" : f.severity == .warning ? "33" : "34"
            out += "\(paint(f.ruleId, code)) \(f.message)\n\(paint(f.file, "32")):\(f.start.line):\(f.start.column)\n"
        }
        return findings.isEmpty ? "" : out + "\n"
    }

    // MARK: parseable

    func parseable(_ findings: [Finding]) -> String {
        var out = ""
        for f in findings {
            out += "\(f.file):\(f.start.line):\(f.start.column):\(f.end.line):\(f.end.column):\(f.ruleId):\(f.message)\n"
        }
        return out
    }

    // MARK: json

    static func escape(_ s: String) -> String { Emitter.jsonString(s) }

    /// A stable identifier of a finding (cfn-lint prints a hash here too).
    static func id(_ f: Finding) -> String {
        var h: UInt64 = 0xcbf29ce484222325
        for b in "\(f.ruleId)|\(f.file)|\(f.start)|\(f.end)|\(f.message)|\(f.path.slashed)".utf8 {
            h = (h ^ UInt64(b)) &* 0x100000001b3
        }
        return String(h, radix: 16)
    }

    func json(_ findings: [Finding]) -> String {
        if findings.isEmpty { return "[]\n" }
        var out = "[\n"
        for (i, f) in findings.enumerated() {
            let r = info(f.ruleId)
            let path = f.path.map { e -> String in
                switch e {
                case .key(let k): return "                " + Self.escape(k)
                case .index(let n): return "                \(n)"
                }
            }
            out += """
                {
                    "Filename": \(Self.escape(f.file)),
                    "Id": "\(Self.id(f))",
                    "Level": "\(f.severity.level)",
                    "Location": {
                        "End": {
                            "ColumnNumber": \(f.end.column),
                            "LineNumber": \(f.end.line)
                        },
                        "Path": \(path.isEmpty ? "[]" : "[\n" + path.joined(separator: ",\n") + "\n            ]"),
                        "Start": {
                            "ColumnNumber": \(f.start.column),
                            "LineNumber": \(f.start.line)
                        }
                    },
                    "Message": \(Self.escape(f.message)),
                    "ParentId": null,
                    "Rule": {
                        "Description": \(Self.escape(r.description)),
                        "Id": "\(f.ruleId)",
                        "ShortDescription": \(Self.escape(r.shortDescription)),
                        "Source": \(Self.escape(r.source))
                    }
                }
            """
            out += i == findings.count - 1 ? "\n" : ",\n"
        }
        return out + "]\n"
    }

    // MARK: junit

    static func xml(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                if c.value < 0x20 && c != "\n" && c != "\t" && c != "\r" { continue }
                out.unicodeScalars.append(c)
            }
        }
        return out
    }

    func junit(_ report: LintReport) -> String {
        var byRule: [String: [Finding]] = [:]
        for f in report.findings { byRule[f.ruleId, default: []].append(f) }
        let ids = Set(rules.rules.map(\.info.id)).union(byRule.keys).sorted()
        let failures = byRule.values.reduce(0) { $0 + $1.count }
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites>\n"
        out += "  <testsuite name=\"CloudFormation Lint\" tests=\"\(ids.count)\" errors=\"0\" failures=\"\(failures)\" skipped=\"0\">\n"
        for id in ids {
            let r = info(id)
            let name = Self.xml("[\(id)] \(r.shortDescription)")
            guard let fs = byRule[id] else {
                out += "    <testcase classname=\"cfnkit\" name=\"\(name)\" url=\"\(Self.xml(r.source))\"/>\n"
                continue
            }
            out += "    <testcase classname=\"cfnkit\" name=\"\(name)\" url=\"\(Self.xml(r.source))\">\n"
            for f in fs {
                out += "      <failure type=\"\(f.severity.level)\" message=\"\(Self.xml(f.message))\">\(Self.xml("\(f.file):\(f.start.line):\(f.start.column)"))</failure>\n"
            }
            out += "    </testcase>\n"
        }
        out += "  </testsuite>\n</testsuites>\n"
        return out
    }

    // MARK: sarif

    func sarif(_ findings: [Finding]) -> String {
        let ids = Array(Set(findings.map(\.ruleId))).sorted()
        var index: [String: Int] = [:]
        for (i, id) in ids.enumerated() { index[id] = i }
        func level(_ s: Severity) -> String { s == .error ? "error" : s == .warning ? "warning" : "note" }
        var rulesJSON: [String] = []
        for id in ids {
            let r = info(id)
            rulesJSON.append("""
                        {
                          "id": "\(id)",
                          "name": \(Self.escape(id)),
                          "shortDescription": {"text": \(Self.escape(r.shortDescription))},
                          "fullDescription": {"text": \(Self.escape(r.description))},
                          "helpUri": \(Self.escape(r.source)),
                          "defaultConfiguration": {"level": "\(level(r.severity))"}
                        }
            """)
        }
        var results: [String] = []
        for f in findings {
            let uri = f.file.split(separator: "/").map { $0.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? String($0) }
                .joined(separator: "/")
            results.append("""
                    {
                      "ruleId": "\(f.ruleId)",
                      "ruleIndex": \(index[f.ruleId]!),
                      "level": "\(level(f.severity))",
                      "message": {"text": \(Self.escape(f.message))},
                      "locations": [
                        {
                          "physicalLocation": {
                            "artifactLocation": {"uri": \(Self.escape(f.file.hasPrefix("/") ? "file://" + uri : uri))\(f.file.hasPrefix("/") ? "" : ", \"uriBaseId\": \"%SRCROOT%\"")},
                            "region": {"startLine": \(max(1, f.start.line)), "startColumn": \(max(1, f.start.column)), "endLine": \(max(f.start.line, f.end.line)), "endColumn": \(max(1, f.end.column))}
                          }
                        }
                      ]
                    }
            """)
        }
        return """
            {
              "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
              "version": "2.1.0",
              "runs": [
                {
                  "tool": {
                    "driver": {
                      "name": "cfnkit",
                      "informationUri": "https://github.com/aws-cloudformation/cfn-lint",
                      "version": "\(version)",
                      "rules": [
            \(rulesJSON.joined(separator: ",\n"))
                      ]
                    }
                  },
                  "results": [
            \(results.joined(separator: ",\n"))
                  ]
                }
              ]
            }

            """
    }

    // MARK: github

    public static func annotationData(_ s: String) -> String {
        s.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    }

    public static func annotationProperty(_ s: String) -> String {
        annotationData(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }

    func github(_ findings: [Finding]) -> String {
        var out = ""
        for f in findings {
            let kind = f.severity == .error ? "error" : f.severity == .warning ? "warning" : "notice"
            out += "::\(kind) file=\(Self.annotationProperty(f.file)),line=\(f.start.line),col=\(f.start.column),endLine=\(f.end.line),endColumn=\(f.end.column),title=\(f.ruleId)::\(Self.annotationData("\(f.ruleId) \(f.message)"))\n"
        }
        return out
    }
}
