import CFNChangeSet
import CFNIntrinsics
import CFNTemplate
import Foundation

/// Change-set preview of two versions of generated templates (one change every tenth resource,
/// half of them create-only so replacements propagate through references).
struct ChangeSetBenchmark {
    let runs: Int

    func run() {
        var rows: [[String]] = []
        for count in [500, 1_000, 5_000] {
            let changes = count / 10
            let old = Self.template(resources: count, changed: 0)
            let new = Self.template(resources: count, changed: changes)
            let loader = TemplateLoader()
            guard let a = try? loader.load(bytes: Array(old.utf8), path: "old.yaml"),
                  let b = try? loader.load(bytes: Array(new.utf8), path: "new.yaml") else { print("load failed"); return }
            let oldTemplate = Template(a), newTemplate = Template(b)
            var listed = 0
            let ms = medianMilliseconds(runs: runs) {
                let builder = ChangeSetBuilder(old: StackVersion(template: oldTemplate, context: EvaluationContext(region: "us-east-1")),
                                               new: StackVersion(template: newTemplate, context: EvaluationContext(region: "us-east-1")))
                listed = builder.build().changeSet.changes.count
            }
            rows.append(["\(count)", "\(changes)", "\(listed)", format(ms), String(format: "%.1f", ms * 1000 / Double(count)),
                         count == 500 ? "30" : "-"])
        }
        printTable("Change-set preview (median of \(runs) runs, ms; templates already loaded)",
                   ["resources", "edited", "changes listed", "cfnkit", "µs/resource", "goal"], rows)
    }

    /// Queues and topics; a topic reads its queue's name through GetAtt and a queue's URL through Ref.
    static func template(resources count: Int, changed: Int) -> String {
        var text = "Resources:\n"
        for i in 0..<count {
            let edited = changed > 0 && i % 10 == 0 && i / 10 < changed
            if i % 2 == 0 {
                let name = edited && i % 20 == 0 ? "queue-\(i)-v2" : "queue-\(i)"
                let timeout = edited && i % 20 != 0 ? 120 : 60
                text += "  Q\(i):\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: \(name)\n      VisibilityTimeout: \(timeout)\n"
            } else {
                text += "  T\(i):\n    Type: AWS::SNS::Topic\n    Properties:\n      DisplayName: !GetAtt Q\(i - 1).QueueName\n      TopicName: !Sub '${Q\(i - 1)}-t'\n"
            }
        }
        return text
    }
}
