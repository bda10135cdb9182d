import CFNTemplate
import Foundation

/// The schema `format` keyword: each format the provider schemas name maps to the cfn-lint rule
/// that reports a value not in that format, with its check. Built once per process; the patterns
/// are compiled once in the shared `PatternCache`.
enum Formats {
    struct Check: Sendable {
        let ruleId: String
        /// Printed in the message (`... with pattern '...'`); nil for checks without one.
        let pattern: String?
        let test: @Sendable (String) -> Bool
    }

    /// cfn-lint's ARN prefix for the ARN formats.
    static let arnPrefix = "^arn:aws[a-zA-Z-]*:"

    private static func pattern(_ id: String, _ p: String) -> Check {
        Check(ruleId: id, pattern: p) { PatternCache.shared.matches(p, $0) != false }
    }

    /// Format name -> checks (a format may be judged by more than one rule, as in cfn-lint 1.51.0
    /// where the log group name rule is registered under the subnet id format).
    static let table: [String: [Check]] = [
        "AWS::EC2::SecurityGroup.Id": [pattern("E1150", "^sg-([a-fA-F0-9]{8}|[a-fA-F0-9]{17})$")],
        "AWS::EC2::VPC.Id": [pattern("E1151", "^vpc-(([0-9A-Fa-f]{8})|([0-9A-Fa-f]{17}))$")],
        "AWS::EC2::Image.Id": [pattern("E1152", "^ami-([0-9a-z]{8}|[0-9a-z]{17})$")],
        "AWS::EC2::Subnet.Id": [pattern("E1154", "^subnet-(([0-9A-Fa-f]{8})|([0-9A-Fa-f]{17}))$"),
                                pattern("E1155", "^[\\.\\-_\\/#A-Za-z0-9]{1,512}\\Z")],
        "AWS::IAM::Role.Arn": [pattern("E1156", arnPrefix + "iam::\\d{12}:role/.+$")],
        "AWS::KMS::Key.Arn": [pattern("E1157", arnPrefix + "kms:[a-z0-9-]+:\\d{12}:(key|alias)/.+$")],
        "AWS::SNS::Topic.Arn": [pattern("E1158", arnPrefix + "sns:[a-z0-9-]+:\\d{12}:.+$")],
        "AWS::ACM::Certificate.Arn": [pattern("E1159", arnPrefix + "acm:[a-z0-9-]+:\\d{12}:certificate/.+$")],
        "AWS::Lambda::Function.Arn": [pattern("E1160", arnPrefix + "lambda:[a-z0-9-]+:\\d{12}:function:.+(:.+)?$")],
        "AWS::S3::Bucket.Name": [pattern("E1161", "^(?![.\\-])(?!.*\\.\\.)(?!.*\\-\\.)(?!.*\\.\\-)[a-z0-9.\\-]{3,63}(?<![.\\-])$")],
        "AWS::KMS::Key.Id": [pattern("E1162", "^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32}|alias/[a-zA-Z0-9/_-]+)$")],
        "AWS::Lambda::Function.Name": [pattern("E1163", "^[a-zA-Z0-9_-]{1,140}$")],
        "AWS::KMS::Alias.AliasName": [pattern("E1164", "^alias/[a-zA-Z0-9:/_-]+$")],
        // Formats of the JSON-schema format checker: reported under E3002 without a pattern.
        "ipv4-network": [Check(ruleId: "E3002", pattern: nil, test: isIPv4Network)],
        "ipv6-network": [Check(ruleId: "E3002", pattern: nil, test: isIPv6Network)],
    ]

    /// Rule ids of the format rules (their problems inside a failed anyOf are reported too).
    static let ruleIds: Set<String> = Set(table.values.flatMap { $0.map(\.ruleId) }).subtracting(["E3002"])

    /// The failed checks for a string value: (rule id, message).
    static func failures(_ format: String, _ value: String, described: String, launchTemplateImage: Bool = false) -> [(ruleId: String, message: String)] {
        guard let checks = table[format] else { return [] }
        var out: [(String, String)] = []
        for c in checks where !c.test(value) {
            if c.ruleId == "E1152", launchTemplateImage, value.hasPrefix("resolve:ssm") { continue }
            if let p = c.pattern {
                out.append((c.ruleId, "\(described) is not a '\(format)' with pattern \(pyString(p))"))
            } else {
                out.append((c.ruleId, "\(described) is not a '\(format)'"))
            }
        }
        return out
    }

    /// A Python `repr` of a string (backslashes doubled, quotes chosen as Python does).
    static func pyString(_ s: String) -> String {
        let quote: Character = s.contains("'") && !s.contains("\"") ? "\"" : "'"
        var out = String(quote)
        for c in s {
            switch c {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case quote: out += "\\" + String(c)
            default: out.append(c)
            }
        }
        out.append(quote)
        return out
    }

    /// A strict IPv4 network (Python's `ipaddress.IPv4Network`): address, optional prefix
    /// length, no host bits set.
    static func isIPv4Network(_ s: String) -> Bool {
        let parts = s.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { return false }
        let octets = parts[0].split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return false }
        var address: UInt32 = 0
        for o in octets {
            guard !o.isEmpty, o.count <= 3, o.allSatisfy({ $0.isASCII && $0.isNumber }), let v = UInt32(o), v <= 255 else { return false }
            if o.count > 1 && o.first == "0" { return false }
            address = address << 8 | v
        }
        var prefix: UInt32 = 32
        if parts.count == 2 {
            guard !parts[1].isEmpty, parts[1].allSatisfy({ $0.isASCII && $0.isNumber }), let p = UInt32(parts[1]), p <= 32 else { return false }
            prefix = p
        }
        let hostMask: UInt32 = prefix == 32 ? 0 : (UInt32.max >> prefix)
        return address & hostMask == 0
    }

    /// A strict IPv6 network (Python's `ipaddress.IPv6Network`).
    static func isIPv6Network(_ s: String) -> Bool {
        let parts = s.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2, let bytes = ipv6Bytes(String(parts[0])) else { return false }
        var prefix = 128
        if parts.count == 2 {
            guard !parts[1].isEmpty, parts[1].allSatisfy({ $0.isASCII && $0.isNumber }), let p = Int(parts[1]), p <= 128 else { return false }
            prefix = p
        }
        for bit in prefix..<128 where bytes[bit / 8] & (0x80 >> UInt8(bit % 8)) != 0 { return false }
        return true
    }

    /// The 16 bytes of an IPv6 address text (no zone id), or nil.
    static func ipv6Bytes(_ s: String) -> [UInt8]? {
        guard !s.isEmpty, !s.contains("%") else { return nil }
        var groups: [UInt16] = []
        var tail: [UInt16] = []
        var sawDouble = false
        let halves = s.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        sawDouble = halves.count == 2
        func parse(_ part: String, allowIPv4: Bool) -> [UInt16]? {
            if part.isEmpty { return [] }
            var out: [UInt16] = []
            let fields = part.split(separator: ":", omittingEmptySubsequences: false)
            for (i, f) in fields.enumerated() {
                if allowIPv4, i == fields.count - 1, f.contains(".") {
                    guard isIPv4Network(String(f)), !f.contains("/") else { return nil }
                    let o = f.split(separator: ".").compactMap { UInt16($0) }
                    out.append(o[0] << 8 | o[1])
                    out.append(o[2] << 8 | o[3])
                    continue
                }
                guard !f.isEmpty, f.count <= 4, let v = UInt16(f, radix: 16) else { return nil }
                out.append(v)
            }
            return out
        }
        if sawDouble {
            guard let a = parse(halves[0], allowIPv4: false), let b = parse(halves[1], allowIPv4: true), a.count + b.count < 8 else { return nil }
            groups = a
            tail = b
            groups += Array(repeating: 0, count: 8 - a.count - b.count) + tail
        } else {
            guard let a = parse(s, allowIPv4: true), a.count == 8 else { return nil }
            groups = a
        }
        return groups.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xff)] }
    }
}
