import CFNTemplate

/// The trust policy of IAM roles (`AssumeRolePolicyDocument`): the grammar IAM enforces when the
/// role is created, checked where the document is written out (not built by functions).
enum IAMTrustPolicyRules {}
