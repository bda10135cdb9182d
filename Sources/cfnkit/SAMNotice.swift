import CFNTemplate
import Foundation

/// Says once per run, on standard error, that a command which does not expand the SAM transform yet
/// is looking at `AWS::Serverless::*` resources as written, so its answer is not what CloudFormation
/// will see. Goes away for each command as it is wired to CFNTransform.
final class SAMNotice: @unchecked Sendable {
    static let shared = SAMNotice()
    private let lock = NSLock()
    private var given = false

    func noteIfServerless(_ template: Template, command: String) {
        guard template.isServerless, let node = template.transforms.first else { return }
        lock.lock()
        defer { lock.unlock() }
        guard !given else { return }
        given = true
        let start = node.range.start
        CommandSupport.printError(
            "\(template.path):\(start.line):\(start.column): note: \(command) does not expand the SAM transform yet: "
                + "AWS::Serverless::* resources are shown as written, not as the resources CloudFormation will create "
                + "(cfnkit transform \(template.path) prints the expansion)")
    }
}
