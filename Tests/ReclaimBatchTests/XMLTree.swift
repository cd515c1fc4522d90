import Foundation
#if canImport(FoundationXML)
  import FoundationXML
#endif

/// An XML document parsed strictly with Foundation's `XMLParser` (libxml2
/// on Linux), for checking the JUnit report as a CI tool reads it.
///
/// Strict: libxml2 recovers from some errors (an unclosed element) and
/// `parse()` still returns true, so a document is accepted only when no
/// error was recorded either.
final class XMLTree {
  final class Element {
    let name: String
    let attributes: [String: String]
    var children: [Element] = []
    var text = ""

    init(name: String, attributes: [String: String]) {
      self.name = name
      self.attributes = attributes
    }

    /// The child elements named `name`.
    func elements(_ name: String) -> [Element] { children.filter { $0.name == name } }

    subscript(_ attribute: String) -> String? { attributes[attribute] }
  }

  struct Invalid: Error, CustomStringConvertible {
    var description: String
  }

  let root: Element

  init(_ text: String) throws {
    let parser = XMLParser(data: Data(text.utf8))
    let builder = Builder()
    parser.delegate = builder
    let ok = parser.parse()
    if !ok || parser.parserError != nil || builder.root == nil {
      throw Invalid(description: "not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "no root element")")
    }
    guard let root = builder.root else { throw Invalid(description: "no root element") }
    self.root = root
  }

  private final class Builder: NSObject, XMLParserDelegate {
    var root: Element?
    var open: [Element] = []

    func parser(
      _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
      attributes: [String: String] = [:]
    ) {
      let element = Element(name: elementName, attributes: attributes)
      if let parent = open.last { parent.children.append(element) } else { root = element }
      open.append(element)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?)
    {
      open.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { open.last?.text += string }
  }
}
