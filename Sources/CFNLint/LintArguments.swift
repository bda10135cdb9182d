import Foundation

/// cfn-lint's list options take several values (`--regions us-east-1 eu-west-1 template.yaml`);
/// cfnkit takes commas or repeated options, and moves values that are not check ids or regions
/// back to the template list, so both spellings work without `--`.
public enum LintArguments {
    public static func isCheckId(_ s: String) -> Bool {
        guard let first = s.first, "EWI".contains(first) else { return false }
        return s.dropFirst().allSatisfy(\.isNumber) && s.count <= 5
    }

    public static func isRegion(_ s: String) -> Bool {
        if s == "ALL_REGIONS" { return true }
        let parts = s.split(separator: "-")
        return parts.count >= 3 && parts.last!.allSatisfy(\.isNumber) && parts.dropLast().allSatisfy { $0.allSatisfy(\.isLetter) }
    }

    /// A value that names a file rather than a check id or a region: it has a '/', a '.' or a
    /// glob character, or exists on disk.
    public static func looksLikePath(_ s: String) -> Bool {
        s.contains { "/.*?[".contains($0) } || FileManager.default.fileExists(atPath: s)
    }

    /// Splits comma lists and separates template paths from option values.
    public static func split(_ values: [String], keep: (String) -> Bool) -> (values: [String], templates: [String]) {
        var kept: [String] = []
        var templates: [String] = []
        for v in values {
            for item in v.split(separator: ",").map(String.init) where !item.isEmpty {
                if keep(item) || !looksLikePath(item) { kept.append(item) } else { templates.append(item) }
            }
        }
        return (kept, templates)
    }
}
