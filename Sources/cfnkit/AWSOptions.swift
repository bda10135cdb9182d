import ArgumentParser
import CFNAWS
import CFNStack

/// How commands that read a running stack reach AWS (`--region` comes from ContextOptions).
struct AWSOptions: ParsableArguments {
    @Option(help: "Profile of ~/.aws/credentials and ~/.aws/config (default: the environment's keys, else AWS_PROFILE, else default).")
    var profile: String?

    @Option(name: .customLong("endpoint-url"), help: "CloudFormation endpoint, e.g. http://127.0.0.1:5000 (STS: AWS_ENDPOINT_URL_STS).")
    var endpointURL: String?

    @Option(name: .customLong("aws-timeout"), help: ArgumentHelp("Longest wait for each AWS call, in seconds.", valueName: "seconds"))
    var timeout: Double = 30

    func access(region: String?) -> StackAccess {
        StackAccess(region: region, profile: profile, endpointURL: endpointURL, timeout: max(1, timeout))
    }

    /// Reads a stack; an AWS failure is printed as one line and exits 1 (a flag or setting to fix) or 2.
    static func read(_ name: String, with access: StackAccess, command: String) throws -> DeployedStack {
        do throws(AWSError) {
            return try access.deployedStack(name)
        } catch {
            CommandSupport.printError("cfnkit \(command): error: \(error.message)")
            throw ExitCode(error.kind == .usage || error.kind == .credentials ? 1 : 2)
        }
    }
}
