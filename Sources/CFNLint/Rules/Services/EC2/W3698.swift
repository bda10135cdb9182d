import CFNIntrinsics
import CFNTemplate

extension EC2AndECSRules {
    static let w3698 = Rule(
        "W3698", "VirtualName is ignored when Ebs is specified",
        "Warns about block device mappings that give both VirtualName (an instance-store volume) and Ebs: EC2 uses the EBS volume and ignores the name.",
        source: Docs.base + "aws-properties-ec2-instance-blockdevicemapping.html", tags: ["resources", "ec2"],
        failing: [RuleExample("""
            Resources:
              Instance:
                Type: AWS::EC2::Instance
                Properties:
                  ImageId: ami-12345678
                  BlockDeviceMappings:
                    - DeviceName: /dev/sdb
                      ⟦W3698⟧VirtualName: ephemeral0
                      Ebs: {VolumeSize: 20}
            """)],
        passing: [RuleExample("""
            Resources:
              Instance:
                Type: AWS::EC2::Instance
                Properties:
                  ImageId: ami-12345678
                  BlockDeviceMappings:
                    - {DeviceName: /dev/sdb, VirtualName: ephemeral0}
                    - {DeviceName: /dev/sdc, Ebs: {VolumeSize: 20}}
            """)]
    ) { ctx, out in
        for mapping in blockDeviceMappings(ctx) {
            guard let m = mapping.node.mapping, mapping.node.intrinsic == nil, TypeSpecific.entry(m, "Ebs", under: mapping.location) != nil,
                  let name = TypeSpecific.entry(m, "VirtualName", under: mapping.location) else { continue }
            out.add("'VirtualName' is ignored when 'Ebs' is specified", at: name.location)
        }
    }
}
