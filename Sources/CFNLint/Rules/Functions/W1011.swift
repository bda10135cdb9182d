import CFNTemplate

extension SecretRules {
    static let w1011 = Rule(
        "W1011", "Instead of REFing a parameter for a secret use a dynamic reference",
        "Warns when a password property takes its value from a parameter instead of a Secrets Manager or SSM SecureString dynamic reference.",
        source: Docs.dynamicReferences, tags: ["functions", "security"],
        failing: [RuleExample("""
            Parameters:
              Secret:
                Type: String
                NoEcho: true
            Resources:
              Db:
                Type: AWS::RDS::DBInstance
                Properties:
                  DBInstanceClass: db.t3.micro
                  Engine: mysql
                  MasterUsername: admin
                  ⟦W1011⟧MasterUserPassword: !Ref Secret
            """), RuleExample("""
            Parameters:
              Secret:
                Type: String
                NoEcho: true
              Prod:
                Type: String
            Conditions:
              IsProd: !Equals [!Ref Prod, "yes"]
            Resources:
              Db:
                Type: AWS::RDS::DBInstance
                Properties:
                  DBInstanceClass: db.t3.micro
                  Engine: mysql
                  MasterUsername: admin
                  MasterUserPassword: !If [IsProd, ⟦W1011⟧!Ref Secret, !Ref AWS::NoValue]
              Ds:
                Type: AWS::DirectoryService::SimpleAD
                Properties:
                  Name: corp.example.com
                  ⟦W1011⟧Password: !Ref Secret
                  Size: Small
                  VpcSettings:
                    SubnetIds: [subnet-12345678, subnet-87654321]
                    VpcId: vpc-12345678
            """)],
        passing: [RuleExample("""
            Parameters:
              Secret:
                Type: String
                NoEcho: true
            Resources:
              Broker:
                Type: AWS::AmazonMQ::Broker
                Properties:
                  BrokerName: b
                  DeploymentMode: SINGLE_INSTANCE
                  EngineType: ACTIVEMQ
                  EngineVersion: "5.17"
                  HostInstanceType: mq.t3.micro
                  PubliclyAccessible: false
                  Users:
                    - Username: admin
                      Password: !Ref Secret
            """), RuleExample("""
            Resources:
              Db:
                Type: AWS::RDS::DBInstance
                Properties:
                  DBInstanceClass: db.t3.micro
                  Engine: mysql
                  MasterUsername: admin
                  MasterUserPassword: "{{resolve:secretsmanager:db:SecretString:password}}"
            """)]
    ) { ctx, out in
        // cfn-lint's keyword places only (not every property named like a password); a Ref
        // nested in another function (Fn::Sub, Fn::Join) is not a secret passed as is.
        for path in secretPropertyPaths {
            for v in path.values(in: ctx) {
                guard let f = v.node.intrinsic, f.name == "Ref", let n = f.argument.text, ctx.template.parameter(n) != nil else { continue }
                out.add("Use dynamic references over parameters for secrets", at: v.location)
            }
        }
    }

    /// The properties CloudFormation treats as secrets: where cfn-lint 1.51.0 wants a dynamic
    /// reference instead of a parameter (W1011) and where an SSM secure string may be used (E1027).
    /// Source: cfn-lint's `DynamicReferenceSecret` and `DynamicReferenceSecureString` rules.
    static let secretPropertyPaths: [KeywordPath] = [
        "Resources/AWS::DirectoryService::MicrosoftAD/Properties/Password",
        "Resources/AWS::DirectoryService::SimpleAD/Properties/Password",
        "Resources/AWS::ElastiCache::ReplicationGroup/Properties/AuthToken",
        "Resources/AWS::IAM::User/Properties/LoginProfile/Password",
        "Resources/AWS::KinesisFirehose::DeliveryStream/Properties/RedshiftDestinationConfiguration/Password",
        "Resources/AWS::OpsWorks::App/Properties/AppSource/Password",
        "Resources/AWS::OpsWorks::Stack/Properties/RdsDbInstances/*/DbPassword",
        "Resources/AWS::OpsWorks::Stack/Properties/CustomCookbooksSource/Password",
        "Resources/AWS::RDS::DBCluster/Properties/MasterUserPassword",
        "Resources/AWS::RDS::DBInstance/Properties/MasterUserPassword",
        "Resources/AWS::Redshift::Cluster/Properties/MasterUserPassword",
    ].map(KeywordPath.init)
}
