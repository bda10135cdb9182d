/// An element of an AWS query API response: its local name (namespace prefix dropped), attributes,
/// child elements in order and its text (character data and CDATA, entities decoded).
public struct XMLElement: Sendable, Hashable {
    public var name: String
    public var attributes: [String: String]
    public var children: [XMLElement]
    public var text: String

    public init(name: String, attributes: [String: String] = [:], children: [XMLElement] = [], text: String = "") {
        self.name = name
        self.attributes = attributes
        self.children = children
        self.text = text
    }

    /// The first child with this name.
    public subscript(_ child: String) -> XMLElement? { children.first { $0.name == child } }

    /// Follows child names: `response.path("DescribeStacksResult", "Stacks")`.
    public func path(_ names: String...) -> XMLElement? {
        var current: XMLElement? = self
        for name in names { current = current?[name] }
        return current
    }

    /// The text of the child with this name (nil when there is no such child).
    public func value(_ child: String) -> String? { self[child]?.text }

    /// The query API's lists: `<Things><member>...</member>...</Things>`.
    public var members: [XMLElement] { children.filter { $0.name == "member" } }

    /// The first element with this name at any depth (depth-first), self included.
    public func first(named target: String) -> XMLElement? {
        var stack = [self]
        while let element = stack.popLast() {
            if element.name == target { return element }
            stack.append(contentsOf: element.children.reversed())
        }
        return nil
    }
}
