import CFNTemplate
import Foundation

/// E0003 for a template argument (file pattern or folder, from the command line or `.cfnlintrc`
/// `templates`) that names no template: a run that lints nothing must not pass. cfn-lint reports a
/// pattern that matches nothing the same way ("... could not be processed by glob.glob", exit 2);
/// cfnkit places the finding at 1:1 of the argument itself, since there is no file to point into.
public enum UnmatchedTemplateArgument {
    public static let info = RuleInfo(id: "E0003", short: "Error with cfn-lint configuration",
                                      description: "Error as a result of the cfn-lint configuration", source: Docs.cfnLint)

    /// The argument's expansion, and the finding when it is empty.
    static func expand(_ argument: String) -> (files: [String], finding: Finding?) {
        let files = TemplateFinder.expand([argument])
        guard files.isEmpty else { return (files, nil) }
        let origin = SourcePosition(line: 1, column: 1)
        let message = isFolder(argument)
            ? "\(argument) is a folder with no templates (.yaml, .yml, .json, .template)"
            : "\(argument) could not be processed by glob.glob"
        return ([], Finding(ruleId: info.id, message: message, file: argument, start: origin, end: origin, path: []))
    }

    static func isFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
