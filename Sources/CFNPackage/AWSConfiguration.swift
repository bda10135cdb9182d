import Foundation

/// Finds credentials and the region the way the AWS CLI does, for the parts cfnkit supports:
/// environment variables, then the shared credentials file's profile (`--profile`, AWS_PROFILE, `default`).
public enum AWSConfiguration {
    public static func credentials(profile: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws(PackageError) -> AWSCredentials {
        if profile == nil, let id = environment["AWS_ACCESS_KEY_ID"], !id.isEmpty {
            guard let secret = environment["AWS_SECRET_ACCESS_KEY"], !secret.isEmpty else {
                throw PackageError(.credentials, "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not")
            }
            let token = environment["AWS_SESSION_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
            return AWSCredentials(accessKeyId: id, secretAccessKey: secret, sessionToken: token)
        }
        let name = profile ?? environment["AWS_PROFILE"] ?? "default"
        let file = environment["AWS_SHARED_CREDENTIALS_FILE"] ?? (home(environment) + "/.aws/credentials")
        let sections = parseINI(file)
        guard let section = sections[name] else {
            throw PackageError(.credentials, "no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or add a [\(name)] profile to \(file)")
        }
        guard let id = section["aws_access_key_id"], let secret = section["aws_secret_access_key"] else {
            throw PackageError(.credentials, "profile [\(name)] in \(file) has no aws_access_key_id and aws_secret_access_key")
        }
        return AWSCredentials(accessKeyId: id, secretAccessKey: secret, sessionToken: section["aws_session_token"])
    }

    public static func region(explicit: String?, profile: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        for name in ["AWS_REGION", "AWS_DEFAULT_REGION"] {
            if let r = environment[name], !r.isEmpty { return r }
        }
        let name = profile ?? environment["AWS_PROFILE"] ?? "default"
        let file = environment["AWS_CONFIG_FILE"] ?? (home(environment) + "/.aws/config")
        let sections = parseINI(file)
        let section = sections[name == "default" ? "default" : "profile \(name)"] ?? sections[name]
        return section?["region"] ?? "us-east-1"
    }

    static func home(_ environment: [String: String]) -> String {
        environment["HOME"] ?? NSHomeDirectory()
    }

    static func parseINI(_ path: String) -> [String: [String: String]] {
        guard let data = FileManager.default.contents(atPath: path) else { return [:] }
        var result: [String: [String: String]] = [:]
        var current: String?
        for raw in String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") && line.hasSuffix("]") {
                current = String(line.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
                continue
            }
            guard let current, let eq = line.firstIndex(of: "=") else { continue }
            let key = line[..<eq].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            result[current, default: [:]][key] = value
        }
        return result
    }
}
