import CFNTemplate

// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-cidr.html
// `[ipBlock, count, cidrBits]`: `count` (1-256) consecutive subnets with `cidrBits` host bits each
// (cidrBits 8 gives /24 in IPv4, /120 in IPv6), starting at the block's network address.
extension Evaluator {
    func fnCidr(_ argument: Node, _ node: Node) -> Value {
        guard let items = arguments("Fn::Cidr", argument, 3...3, "[ipBlock, count, cidrBits]") else {
            return .function("Fn::Cidr", evaluate(argument), node.range)
        }
        let values = items.map { evaluate($0) }
        let partial = Value.function("Fn::Cidr", .list(values, argument.range), node.range)
        var failed = false
        let block = stringArgument(values[0], "Fn::Cidr's ipBlock", failed: &failed)
        let count = stringArgument(values[1], "Fn::Cidr's count", failed: &failed)
        let bits = stringArgument(values[2], "Fn::Cidr's cidrBits", failed: &failed)
        guard let block, let count, let bits else { return partial }
        switch CidrCalculator.subnets(block: block, count: count, cidrBits: bits) {
        case .success(let subnets):
            return .list(subnets.map { .string($0, node.range) }, node.range)
        case .failure(let problem):
            report(.invalidCidr, "Fn::Cidr: \(problem.message)", at: values[problem.argument].range)
            return partial
        }
    }
}

/// The subnet arithmetic behind `Fn::Cidr`, for IPv4 and IPv6.
public enum CidrCalculator {
    public struct Problem: Error, Sendable, Hashable {
        public let message: String
        /// Which argument is wrong: 0 ipBlock, 1 count, 2 cidrBits.
        public let argument: Int
    }

    public static func subnets(block: String, count countText: String, cidrBits bitsText: String) -> Result<[String], Problem> {
        guard let slash = block.firstIndex(of: "/"), let prefix = Int(block[block.index(after: slash)...]) else {
            return .failure(Problem(message: "'\(block)' is not a CIDR block (address/prefix)", argument: 0))
        }
        let addressText = String(block[..<slash])
        let isV6 = addressText.contains(":")
        let width = isV6 ? 128 : 32
        guard let address = isV6 ? parseIPv6(addressText) : parseIPv4(addressText).map({ Bits128(hi: 0, lo: UInt64($0)) }) else {
            return .failure(Problem(message: "'\(addressText)' is not a valid IPv\(isV6 ? 6 : 4) address", argument: 0))
        }
        guard (0...width).contains(prefix) else {
            return .failure(Problem(message: "prefix /\(prefix) is out of range for IPv\(isV6 ? 6 : 4)", argument: 0))
        }
        guard let count = Int(countText), (1...256).contains(count) else {
            return .failure(Problem(message: "count must be a number from 1 to 256, not '\(countText)'", argument: 1))
        }
        guard let hostBits = Int(bitsText), (0...width).contains(hostBits) else {
            return .failure(Problem(message: "cidrBits must be a number from 0 to \(width), not '\(bitsText)'", argument: 2))
        }
        let newPrefix = width - hostBits
        guard newPrefix >= prefix else {
            return .failure(Problem(message: "cidrBits \(hostBits) makes /\(newPrefix) subnets, larger than the /\(prefix) block", argument: 2))
        }
        let available = newPrefix - prefix
        if available < 9, count > 1 << available {
            return .failure(Problem(message: "only \(1 << available) /\(newPrefix) subnet\(available == 0 ? "" : "s") fit in a /\(prefix) block, not \(count)",
                                    argument: 1))
        }
        let network = address.masked(keepingHigh: prefix, width: width)
        var out: [String] = []
        out.reserveCapacity(count)
        for i in 0..<count {
            let subnet = network.adding(UInt64(i), shiftedLeft: hostBits)
            out.append((isV6 ? formatIPv6(subnet) : formatIPv4(UInt32(truncatingIfNeeded: subnet.lo))) + "/\(newPrefix)")
        }
        return .success(out)
    }

    /// The addresses of an IPv4 CIDR block (`10.0.0.0/24`), from its network address; nil when the
    /// text is not one.
    public static func ipv4Range(_ block: String) -> ClosedRange<UInt32>? {
        let parts = block.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let prefix = Int(parts[1]), (0...32).contains(prefix), let address = parseIPv4(String(parts[0])) else {
            return nil
        }
        let hostMask: UInt32 = prefix == 0 ? .max : (1 << (32 - prefix)) &- 1
        let network = address & ~hostMask
        return network...(network | hostMask)
    }

    // MARK: Addresses

    static func parseIPv4(_ text: String) -> UInt32? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var value: UInt32 = 0
        for p in parts {
            guard !p.isEmpty, p.count <= 3, p.allSatisfy(\.isASCIIDigit), let octet = UInt32(p), octet <= 255 else { return nil }
            value = value << 8 | octet
        }
        return value
    }

    static func parseIPv6(_ text: String) -> Bits128? {
        var groups: [UInt16] = []
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func parseGroups(_ s: String, allowIPv4Tail: Bool) -> [UInt16]? {
            if s.isEmpty { return [] }
            var out: [UInt16] = []
            let items = s.split(separator: ":", omittingEmptySubsequences: false)
            for (i, item) in items.enumerated() {
                if allowIPv4Tail, i == items.count - 1, item.contains(".") {
                    guard let v4 = parseIPv4(String(item)) else { return nil }
                    out.append(UInt16(v4 >> 16))
                    out.append(UInt16(v4 & 0xFFFF))
                    continue
                }
                guard (1...4).contains(item.count), let g = UInt16(item, radix: 16) else { return nil }
                out.append(g)
            }
            return out
        }
        if halves.count == 2 {
            guard let head = parseGroups(halves[0], allowIPv4Tail: false), let tail = parseGroups(halves[1], allowIPv4Tail: true),
                  head.count + tail.count <= 7 else { return nil }
            groups = head + Array(repeating: 0, count: 8 - head.count - tail.count) + tail
        } else {
            guard let all = parseGroups(halves[0], allowIPv4Tail: true), all.count == 8 else { return nil }
            groups = all
        }
        var hi: UInt64 = 0, lo: UInt64 = 0
        for g in groups[0..<4] { hi = hi << 16 | UInt64(g) }
        for g in groups[4..<8] { lo = lo << 16 | UInt64(g) }
        return Bits128(hi: hi, lo: lo)
    }

    static func formatIPv4(_ v: UInt32) -> String {
        "\(v >> 24).\(v >> 16 & 0xFF).\(v >> 8 & 0xFF).\(v & 0xFF)"
    }

    /// RFC 5952 text: lower-case hex, leading zeros dropped, the longest run of two or more zero
    /// groups (the first of equal runs) written `::`.
    static func formatIPv6(_ v: Bits128) -> String {
        var groups: [UInt16] = []
        for i in stride(from: 48, through: 0, by: -16) { groups.append(UInt16(truncatingIfNeeded: v.hi >> UInt64(i))) }
        for i in stride(from: 48, through: 0, by: -16) { groups.append(UInt16(truncatingIfNeeded: v.lo >> UInt64(i))) }
        var bestStart = -1, bestLength = 0
        var i = 0
        while i < 8 {
            if groups[i] == 0 {
                var j = i
                while j < 8, groups[j] == 0 { j += 1 }
                if j - i > bestLength { bestStart = i; bestLength = j - i }
                i = j
            } else {
                i += 1
            }
        }
        let hex = groups.map { String($0, radix: 16) }
        guard bestLength >= 2 else { return hex.joined(separator: ":") }
        let head = hex[0..<bestStart].joined(separator: ":")
        let tail = hex[(bestStart + bestLength)...].joined(separator: ":")
        return head + "::" + tail
    }
}

/// A 128-bit address as two 64-bit halves (portable where `UInt128` is not available).
struct Bits128: Hashable {
    var hi: UInt64
    var lo: UInt64

    /// Keeps the top `bits` of a `width`-bit address (32 or 128), zeroing the rest.
    func masked(keepingHigh bits: Int, width: Int) -> Bits128 {
        let clear = width - bits  // low bits to clear
        var r = self
        if clear >= 128 { return Bits128(hi: 0, lo: 0) }
        if clear >= 64 {
            r.lo = 0
            r.hi &= clear == 64 ? ~0 : ~((1 << UInt64(clear - 64)) - 1)
        } else if clear > 0 {
            r.lo &= ~((1 << UInt64(clear)) - 1)
        }
        return r
    }

    /// `self + (n << shift)` (n < 2^9, so the sum fits the block).
    func adding(_ n: UInt64, shiftedLeft shift: Int) -> Bits128 {
        var addHi: UInt64 = 0, addLo: UInt64 = 0
        if shift >= 128 { return self }
        if shift >= 64 {
            addHi = n << UInt64(shift - 64)
        } else {
            addLo = n << UInt64(shift)
            addHi = shift == 0 ? 0 : n >> UInt64(64 - shift)
        }
        let (lo, carry) = lo.addingReportingOverflow(addLo)
        return Bits128(hi: hi &+ addHi &+ (carry ? 1 : 0), lo: lo)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
