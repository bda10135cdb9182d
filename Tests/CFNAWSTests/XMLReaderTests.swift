import CFNAWS
import Testing

@Suite struct XMLReaderTests {
    @Test func readsAQueryResponse() throws {
        let root = try XMLReader.parse("""
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- a comment -->
            <GetTemplateResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/">
              <GetTemplateResult>
                <TemplateBody>Resources:
              Q: {Type: "AWS::SQS::Queue"} # &lt;&amp;&gt; &#x41;&#66; &quot;&apos;</TemplateBody>
                <StagesAvailable><member>Original</member><member>Processed</member></StagesAvailable>
                <Empty/><Data><![CDATA[<raw & text>]]></Data>
              </GetTemplateResult>
            </GetTemplateResponse>
            """)
        #expect(root.name == "GetTemplateResponse")
        #expect(root.attributes["xmlns"] == "http://cloudformation.amazonaws.com/doc/2010-05-15/")
        #expect(root.path("GetTemplateResult", "TemplateBody")?.text == "Resources:\n  Q: {Type: \"AWS::SQS::Queue\"} # <&> AB \"'")
        #expect(root.path("GetTemplateResult", "StagesAvailable")?.members.map(\.text) == ["Original", "Processed"])
        #expect(root.path("GetTemplateResult", "Empty")?.text == "")
        #expect(root.first(named: "Data")?.text == "<raw & text>")
        #expect(root.path("GetTemplateResult", "Missing") == nil)
    }

    @Test func prefixedNamesKeepTheLocalName() throws {
        let root = try XMLReader.parse("<a:Root xmlns:a='x'><a:Child k=\"v\">1</a:Child></a:Root>")
        #expect(root.name == "Root")
        #expect(root["Child"]?.attributes["k"] == "v")
    }

    @Test func refusesBrokenDocumentsAndDTDs() {
        for bad in ["", "<a>", "<a></b>", "<a>&bogus;</a>", "<!DOCTYPE a [<!ENTITY x 'y'>]><a>&x;</a>", "<a/><b/>", "text<a/>", "<a x=1/>"] {
            #expect(throws: XMLReader.Failure.self, "\(bad)") { try XMLReader.parse(bad) }
        }
    }

    @Test func deepNestingIsRefused() throws {
        func nested(_ depth: Int) -> String { String(repeating: "<a>", count: depth) + "x" + String(repeating: "</a>", count: depth) }
        #expect(try XMLReader.parse(nested(XMLReader.maxDepth)).name == "a")
        #expect(throws: XMLReader.Failure.self) { try XMLReader.parse(nested(100_000)) }
    }
}
