/// The intrinsic function names CloudFormation knows, and the YAML short-form tags that stand for them.
public enum IntrinsicNames {
    /// Short-form tag (without `!`) -> long-form key.
    public static let shortFormTags: [String: String] = [
        "Ref": "Ref",
        "Condition": "Condition",
        "GetAtt": "Fn::GetAtt",
        "Sub": "Fn::Sub",
        "Join": "Fn::Join",
        "Select": "Fn::Select",
        "Split": "Fn::Split",
        "FindInMap": "Fn::FindInMap",
        "GetAZs": "Fn::GetAZs",
        "If": "Fn::If",
        "Equals": "Fn::Equals",
        "And": "Fn::And",
        "Or": "Fn::Or",
        "Not": "Fn::Not",
        "Base64": "Fn::Base64",
        "Cidr": "Fn::Cidr",
        "ImportValue": "Fn::ImportValue",
        "Transform": "Fn::Transform",
        "Length": "Fn::Length",
        "ToJsonString": "Fn::ToJsonString",
        // Rule-specific functions, valid in the Rules section.
        "Contains": "Fn::Contains",
        "EachMemberEquals": "Fn::EachMemberEquals",
        "EachMemberIn": "Fn::EachMemberIn",
        "RefAll": "Fn::RefAll",
        "ValueOf": "Fn::ValueOf",
        "ValueOfAll": "Fn::ValueOfAll",
    ]

    /// Long-form key -> short-form tag, for the emitter.
    public static let longToShort: [String: String] = {
        var m: [String: String] = [:]
        for (short, long) in shortFormTags { m[long] = short }
        return m
    }()

    /// Every long-form function key.
    public static let functions: Set<String> = [
        "Ref", "Condition",
        "Fn::GetAtt", "Fn::Sub", "Fn::Join", "Fn::Select", "Fn::Split", "Fn::FindInMap", "Fn::GetAZs",
        "Fn::If", "Fn::Equals", "Fn::And", "Fn::Or", "Fn::Not", "Fn::Base64", "Fn::Cidr",
        "Fn::ImportValue", "Fn::Transform", "Fn::Length", "Fn::ToJsonString", "Fn::ForEach",
        "Fn::GetStackOutput", "Fn::ValueOf", "Fn::ValueOfAll", "Fn::Contains", "Fn::EachMemberEquals",
        "Fn::EachMemberIn", "Fn::RefAll", "Fn::Implies",
    ]

    /// True for `Ref`, `Condition` and any `Fn::` key (including ones CloudFormation may add later,
    /// and `Fn::ForEach::Name` loop keys).
    public static func isIntrinsicKey(_ key: String) -> Bool {
        key == "Ref" || key == "Condition" || key.hasPrefix("Fn::")
    }
}
