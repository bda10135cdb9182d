import CFNIntrinsics
import CFNTemplate

/// Checks of EC2 and ECS resources whose mistakes only show at deploy time: overlapping subnets,
/// block device mappings that mix instance-store and EBS settings, Fargate task definitions
/// without the settings Fargate requires.
enum EC2AndECSRules {
    static let all: [Rule] = [e3060, w3698, e3715, e3048]

    // MARK: E3060 subnets

    static let e3060 = Rule(
        "E3060", "Validate subnet CIDRs do not overlap with other subnets",
        "Checks that IPv4 CidrBlock values of subnets in the same VPC do not overlap (literal blocks; subnets under two different conditions are not compared).",
        source: Docs.base + "aws-resource-ec2-subnet.html", tags: ["resources", "ec2", "subnet"],
        failing: [RuleExample("""
            Resources:
              A:
                Type: AWS::EC2::Subnet
                Properties:
                  VpcId: vpc-12345678
                  CidrBlock: 10.0.0.0/16
              B:
                Type: AWS::EC2::Subnet
                ⟦E3060⟧Properties:
                  VpcId: vpc-12345678
                  CidrBlock: 10.0.1.0/24
            """)],
        passing: [RuleExample("""
            Parameters:
              Env: {Type: String}
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
              IsDev: !Equals [!Ref Env, dev]
            Resources:
              A:
                Type: AWS::EC2::Subnet
                Properties: {VpcId: vpc-12345678, CidrBlock: 10.0.0.0/24}
              B:
                Type: AWS::EC2::Subnet
                Properties: {VpcId: vpc-12345678, CidrBlock: 10.0.1.0/24}
              OtherVpc:
                Type: AWS::EC2::Subnet
                Properties: {VpcId: vpc-87654321, CidrBlock: 10.0.0.0/24}
              Prod:
                Type: AWS::EC2::Subnet
                Condition: IsProd
                Properties: {VpcId: vpc-12345678, CidrBlock: 10.0.2.0/24}
              Dev:
                Type: AWS::EC2::Subnet
                Condition: IsDev
                Properties: {VpcId: vpc-12345678, CidrBlock: 10.0.2.0/24}
            """)]
    ) { ctx, out in
        var earlier: [(vpc: Node, block: String, range: ClosedRange<UInt32>, condition: String?)] = []
        for (resource, props, loc) in TypeSpecific.resources(ctx, ["AWS::EC2::Subnet"]) {
            guard let vpc = props["VpcId"], let block = props["CidrBlock"].flatMap(TypeSpecific.string),
                  let range = CidrCalculator.ipv4Range(block) else { continue }
            let condition = resource.condition?.name
            let clash = earlier.first { other in
                let exclusive = condition != nil && other.condition != nil && condition != other.condition
                return !exclusive && other.vpc.isEquivalent(to: vpc) && other.range.overlaps(range)
            }
            if let clash {
                out.add("\(TypeSpecific.repr(block)) overlaps with \(TypeSpecific.repr(clash.block))", at: loc)
            }
            earlier.append((vpc, block, range, condition))
        }
    }

    // MARK: Block device mappings (W3698, E3715)

    /// Each block device mapping of instances, launch configurations and launch templates, every
    /// `Fn::If` branch taken.
    static func blockDeviceMappings(_ ctx: LintContext) -> [TypeSpecific.Branch] {
        var lists: [(Node, Location)] = []
        for (_, props, loc) in TypeSpecific.resources(ctx, ["AWS::EC2::Instance", "AWS::AutoScaling::LaunchConfiguration"]) {
            if let e = TypeSpecific.entry(props, "BlockDeviceMappings", under: loc) { lists.append(e) }
        }
        for (_, props, loc) in TypeSpecific.resources(ctx, ["AWS::EC2::LaunchTemplate"]) {
            guard let data = TypeSpecific.entry(props, "LaunchTemplateData", under: loc) else { continue }
            for d in TypeSpecific.branches(data.node, at: data.location) {
                if let e = TypeSpecific.entry(d.node.mapping, "BlockDeviceMappings", under: d.location) { lists.append(e) }
            }
        }
        return lists.flatMap { list, loc in
            TypeSpecific.branches(list, at: loc).flatMap { TypeSpecific.items($0.node, at: $0.location) }
        }
    }

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

    // MARK: E3048 Fargate task definitions

    static let e3048 = Rule(
        "E3048", "Validate ECS Fargate tasks have required properties and values",
        "Checks that task definitions requiring FARGATE compatibility set NetworkMode (awsvpc), Cpu and Memory at the task level.",
        source: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html",
        tags: ["resources", "ecs"],
        failing: [RuleExample("""
            Resources:
              Task:
                Type: AWS::ECS::TaskDefinition
                ⟦E3048⟧⟦E3048⟧Properties:
                  RequiresCompatibilities: [FARGATE]
                  ⟦E3048⟧NetworkMode: bridge
                  ContainerDefinitions:
                    - {Name: app, Image: nginx, Memory: 512}
            """)],
        passing: [RuleExample("""
            Resources:
              Task:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  RequiresCompatibilities: [FARGATE]
                  NetworkMode: awsvpc
                  Cpu: "256"
                  Memory: "512"
                  ContainerDefinitions:
                    - {Name: app, Image: nginx}
              OnEC2:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  RequiresCompatibilities: [EC2]
                  ContainerDefinitions:
                    - {Name: app, Image: nginx, Memory: 512}
            """)]
    ) { ctx, out in
        for (_, props, loc) in TypeSpecific.resources(ctx, ["AWS::ECS::TaskDefinition"]) {
            guard let compat = props["RequiresCompatibilities"]?.sequence,
                  compat.contains(where: { $0.text == "FARGATE" }) else { continue }
            for key in ["NetworkMode", "Cpu", "Memory"] where TypeSpecific.entry(props, key, under: loc) == nil {
                // A property given only in some Fn::If branches of the whole mapping is not judged.
                out.add("'\(key)' is a required property", at: loc)
            }
            if let mode = TypeSpecific.entry(props, "NetworkMode", under: loc), let text = TypeSpecific.string(mode.node), text != "awsvpc" {
                out.add("\(TypeSpecific.repr(text)) is not one of ['awsvpc']", at: mode.location)
            }
        }
    }
}
