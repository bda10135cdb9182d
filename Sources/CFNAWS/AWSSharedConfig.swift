import Foundation

/// The AWS CLI's two shared files, read once: `~/.aws/config` (`[default]`, `[profile NAME]`) and
/// `~/.aws/credentials` (`[NAME]`), or the files `AWS_CONFIG_FILE` and `AWS_SHARED_CREDENTIALS_FILE` name.
public struct AWSSharedConfig: Sendable {
    public let configPath: String
    public let credentialsPath: String
    /// Profiles of the config file, by profile name (`[profile dev]` is `dev`).
    public let configProfiles: [String: [String: String]]
    /// Profiles of the credentials file, by section name.
    public let credentialProfiles: [String: [String: String]]

    public init(configPath: String, credentialsPath: String,
                configProfiles: [String: [String: String]], credentialProfiles: [String: [String: String]]) {
        self.configPath = configPath
        self.credentialsPath = credentialsPath
        self.configProfiles = configProfiles
        self.credentialProfiles = credentialProfiles
    }

    public static func load(environment: [String: String]) -> AWSSharedConfig {
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        func path(_ variable: String, _ fallback: String) -> String {
            let given = environment[variable].flatMap { $0.isEmpty ? nil : $0 } ?? fallback
            return given.hasPrefix("~/") ? home + given.dropFirst() : given
        }
        let configPath = path("AWS_CONFIG_FILE", home + "/.aws/config")
        let credentialsPath = path("AWS_SHARED_CREDENTIALS_FILE", home + "/.aws/credentials")
        var configProfiles: [String: [String: String]] = [:]
        for (section, keys) in INIFile.parse(read(configPath)) {
            // The config file names profiles `[profile NAME]`; only `default` may go without the prefix.
            // Other sections (`[sso-session x]`, `[services x]`, a bare `[x]`) are not profiles.
            let words = section.split(separator: " ", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if words.count == 2, words[0] == "profile" {
                configProfiles[words[1], default: [:]].merge(keys) { _, new in new }
            } else if section == "default" {
                // `[profile default]` wins over `[default]` when both are present, as the CLI reads them.
                configProfiles["default", default: [:]].merge(keys) { old, _ in old }
            }
        }
        return AWSSharedConfig(configPath: configPath, credentialsPath: credentialsPath, configProfiles: configProfiles,
                               credentialProfiles: INIFile.parse(read(credentialsPath)))
    }

    /// A profile as the CLI sees it: the config file's keys with the credentials file's on top.
    public func profile(_ name: String) -> [String: String]? {
        let config = configProfiles[name], credentials = credentialProfiles[name]
        if config == nil && credentials == nil { return nil }
        return (config ?? [:]).merging(credentials ?? [:]) { _, fromCredentials in fromCredentials }
    }

    public var profileNames: [String] { Array(Set(configProfiles.keys).union(credentialProfiles.keys)).sorted() }

    static func read(_ path: String) -> String {
        // Small text files; a missing or unreadable one is simply absent, as for the CLI.
        guard let data = FileManager.default.contents(atPath: path), data.count <= 4 << 20 else { return "" }
        return String(decoding: data, as: UTF8.self)
    }
}

/// The INI dialect of the AWS shared files: `[section]`, `key = value`, `#`/`;` comment lines;
/// indented lines under a key with an empty value are that key's sub-settings (`s3 =` then
/// `  max_concurrent_requests = 10`), which no cfnkit setting uses, so they are skipped.
public enum INIFile {
    public static func parse(_ text: String) -> [String: [String: String]] {
        var result: [String: [String: String]] = [:]
        var current: String?
        var inSubSection = false
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            let indented = raw.first == " " || raw.first == "\t"
            if line.hasPrefix("[") && line.hasSuffix("]") {
                let name = String(line.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
                current = name
                result[name, default: [:]] = result[name] ?? [:]
                inSubSection = false
                continue
            }
            guard let section = current, let eq = line.firstIndex(of: "=") else { continue }
            if indented && inSubSection { continue }
            let key = line[..<eq].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            inSubSection = value.isEmpty
            if !value.isEmpty { result[section, default: [:]][key] = value }
        }
        return result
    }
}
