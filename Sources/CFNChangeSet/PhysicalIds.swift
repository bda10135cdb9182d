extension ChangeSet {
    /// The change set with the running stack's physical ids (ListStackResources) on every change of an
    /// existing resource, nested changes included by their own stack's ids when given.
    public func withPhysicalIds(_ ids: [String: String]) -> ChangeSet {
        var copy = self
        for i in copy.changes.indices where copy.changes[i].action != .add {
            if let id = ids[copy.changes[i].logicalResourceId] { copy.changes[i].physicalResourceId = id }
        }
        return copy
    }
}
