import Foundation

/// Median wall time of `runs` executions, in milliseconds.
func medianMilliseconds(runs: Int, _ body: () -> Void) -> Double {
    var samples: [Double] = []
    body()  // warm-up
    for _ in 0..<max(1, runs) {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
    }
    samples.sort()
    return samples[samples.count / 2]
}

/// Prints rows as an aligned plain-text table.
func printTable(_ title: String, _ header: [String], _ rows: [[String]]) {
    print("\n## \(title)\n")
    let widths = header.indices.map { i in max(header[i].count, rows.map { $0[i].count }.max() ?? 0) }
    func line(_ cells: [String]) -> String {
        "| " + cells.enumerated().map { i, c in
            i == 0 ? c.padding(toLength: widths[i], withPad: " ", startingAt: 0)
                   : String(repeating: " ", count: widths[i] - c.count) + c
        }.joined(separator: " | ") + " |"
    }
    print(line(header))
    print("|" + widths.enumerated().map { i, w in i == 0 ? String(repeating: "-", count: w + 2) : String(repeating: "-", count: w + 1) + ":" }.joined(separator: "|") + "|")
    for row in rows { print(line(row)) }
}

func format(_ ms: Double) -> String { String(format: ms < 10 ? "%.3f" : "%.1f", ms) }

/// A template with `count` resources in a realistic mix: queues, topics, alarms and functions
/// referencing each other through Ref, GetAtt and Sub.
func generatedTemplate(resources count: Int) -> String {
    var text = """
        AWSTemplateFormatVersion: '2010-09-09'
        Description: Generated benchmark template with \(count) resources
        Parameters:
          Env:
            Type: String
            Default: dev
            AllowedValues: [dev, prod]
        Conditions:
          IsProd: !Equals [!Ref Env, prod]
        Resources:

        """
    for i in 0..<count {
        switch i % 4 {
        case 0:
            text += """
                  Queue\(i):
                    Type: AWS::SQS::Queue
                    Properties:
                      QueueName: !Sub '${AWS::StackName}-queue-\(i)'
                      VisibilityTimeout: 60
                      Tags:
                        - Key: Env
                          Value: !Ref Env

                """
        case 1:
            text += """
                  Topic\(i):
                    Type: AWS::SNS::Topic
                    Properties:
                      DisplayName: !GetAtt Queue\(i - 1).QueueName

                """
        case 2:
            text += """
                  Alarm\(i):
                    Type: AWS::CloudWatch::Alarm
                    Condition: IsProd
                    Properties:
                      MetricName: ApproximateNumberOfMessagesVisible
                      Namespace: AWS/SQS
                      Statistic: Sum
                      Period: 300
                      EvaluationPeriods: 1
                      Threshold: 10
                      ComparisonOperator: GreaterThanThreshold
                      AlarmActions: [!Ref Topic\(i - 1)]
                      Dimensions:
                        - Name: QueueName
                          Value: !GetAtt [Queue\(i - 2), QueueName]

                """
        default:
            text += """
                  Function\(i):
                    Type: AWS::Lambda::Function
                    DependsOn: Alarm\(i - 1)
                    Properties:
                      Runtime: python3.12
                      Handler: index.handler
                      Role: !Sub 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/fn-\(i)'
                      Code:
                        ZipFile: |
                          def handler(event, context):
                              return {"ok": True}
                      Environment:
                        Variables:
                          QUEUE_URL: !Ref Queue\(i - 3)

                """
        }
    }
    return text
}

/// Runs a program to completion with its output discarded and returns its exit status (-1 when it
/// cannot start). posix_spawn and waitpid directly: Foundation's Process adds tens of milliseconds
/// of its own to every run, which would swamp a 20 ms lint. `executable` is looked up on PATH when
/// it has no slash; `environment` replaces the inherited one when given.
@discardableResult
func runQuietly(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) -> Int32 {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    let env = environment.map { $0.map { strdup("\($0.key)=\($0.value)") } + [nil] }
    defer { env?.forEach { free($0) } }
    var pid = pid_t()
    let spawned = env.map { envp in posix_spawnp(&pid, executable, &actions, nil, argv, envp) }
        ?? posix_spawnp(&pid, executable, &actions, nil, argv, environ)
    guard spawned == 0 else { return -1 }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    // WIFEXITED / WEXITSTATUS, which Swift does not import.
    return status & 0x7f == 0 ? (status >> 8) & 0xff : -1
}

/// The cfnkit binary the process-level tables time: `CFNKIT_BENCH_CFNKIT` (Scripts/bench points it at
/// the statically linked build `make install` ships), else the `cfnkit` built beside this program.
let benchedCFNKit: String = ProcessInfo.processInfo.environment["CFNKIT_BENCH_CFNKIT"]
    ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("cfnkit").path
