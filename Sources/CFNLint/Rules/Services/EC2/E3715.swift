import CFNIntrinsics
import CFNTemplate

extension EC2AndECSRules {
    /// `ephemeral0` to `ephemeral23`, no leading zeros.
    static func isEphemeralName(_ text: String) -> Bool {
        guard text.hasPrefix("ephemeral") else { return false }
        let number = text.dropFirst("ephemeral".count)
        guard (1...2).contains(number.count), number.allSatisfy({ $0.isASCII && $0.isNumber }), number.count == 1 || number.first != "0",
              let n = Int(number) else { return false }
        return n <= 23
    }

    static let e3715 = Rule(
        "E3715", "VirtualName must use ephemeral device format when Ebs is absent",
        "Checks that an instance-store block device mapping names its volume ephemeral0 to ephemeral23.",
        source: Docs.base + "aws-properties-ec2-instance-blockdevicemapping.html", tags: ["resources", "ec2"],
        failing: [RuleExample("""
            Resources:
              Instance:
                Type: AWS::EC2::Instance
                Properties:
                  ImageId: ami-12345678
                  BlockDeviceMappings:
                    - DeviceName: /dev/sdb
                      ⟦E3715⟧VirtualName: ephemeralA
            """)],
        passing: [RuleExample("""
            Resources:
              Instance:
                Type: AWS::EC2::Instance
                Properties:
                  ImageId: ami-12345678
                  BlockDeviceMappings:
                    - {DeviceName: /dev/sdb, VirtualName: ephemeral23}
                    - {DeviceName: /dev/sdc, VirtualName: !Ref AWS::NoValue, Ebs: {VolumeSize: 20}}
            """)]
    ) { ctx, out in
        for mapping in blockDeviceMappings(ctx) {
            guard let m = mapping.node.mapping, mapping.node.intrinsic == nil, TypeSpecific.entry(m, "Ebs", under: mapping.location) == nil,
                  let name = TypeSpecific.entry(m, "VirtualName", under: mapping.location) else { continue }
            var reported = false  // one finding per key, whatever the Fn::If branches
            for value in TypeSpecific.branches(name.node, at: name.location, keepLocation: true) where !reported {
                guard let text = TypeSpecific.string(value.node), !isEphemeralName(text) else { continue }
                out.add("\(TypeSpecific.repr(text)) is not a valid ephemeral device name. Expected format is 'ephemeralN' where N is 0-23",
                        at: name.location)
                reported = true
            }
        }
    }
}
