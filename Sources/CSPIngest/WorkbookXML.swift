import CXMLStream
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a streamed XML part reports: elements by their local name (namespaces are ignored, so
/// the strict and transitional OOXML dialects read alike) and their text, in document order.
/// Nothing of the document is kept by the parser.
protocol XMLEventHandler: AnyObject {
    func start(_ name: XMLName, _ attributes: XMLAttributes)
    func end(_ name: XMLName)
    func characters(_ text: UnsafeBufferPointer<UInt8>)
    /// True once the handler has read enough (a limit): the part is then not unpacked further.
    var stopped: Bool { get }
}

extension XMLEventHandler {
    var stopped: Bool { false }
}

/// An element's local name as libxml2 hands it over (NUL-terminated UTF-8).
struct XMLName {
    let pointer: UnsafePointer<UInt8>

    @inline(__always)
    func `is`(_ s: StaticString) -> Bool {
        strcmp(UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self),
               UnsafeRawPointer(s.utf8Start).assumingMemoryBound(to: CChar.self)) == 0
    }
}

/// An element's attributes as libxml2's SAX2 gives them: five pointers each (local name,
/// prefix, URI, value start, value end), the values with their entities already replaced.
struct XMLAttributes {
    let base: UnsafeMutablePointer<UnsafePointer<UInt8>?>?
    let count: Int

    /// The value of the attribute with this local name (any namespace), as bytes.
    func bytes(_ name: StaticString) -> UnsafeBufferPointer<UInt8>? {
        guard let base else { return nil }
        for i in 0..<count {
            guard let local = base[i * 5], XMLName(pointer: local).is(name),
                  let start = base[i * 5 + 3], let end = base[i * 5 + 4] else { continue }
            return UnsafeBufferPointer(start: start, count: end - start)
        }
        return nil
    }

    /// Each attribute whose local name is one letter, with its value: one pass over a cell's
    /// `r`, `s` and `t`.
    @inline(__always)
    func forEachOneLetter(_ body: (UInt8, UnsafeBufferPointer<UInt8>) -> Void) {
        guard let base else { return }
        for i in 0..<count {
            guard let local = base[i * 5], local[0] != 0, local[1] == 0,
                  let start = base[i * 5 + 3], let end = base[i * 5 + 4] else { continue }
            body(local[0], UnsafeBufferPointer(start: start, count: end - start))
        }
    }

    func string(_ name: StaticString) -> String? {
        bytes(name).map { String(decoding: $0, as: UTF8.self) }
    }
}

/// Why an XML part could not be read to its end.
enum XMLStreamFailure: Error, Equatable {
    /// A document type declaration: workbooks have none, and one can declare entities that
    /// expand to gigabytes ("billion laughs"), so it is refused before any is read.
    case doctype
    /// Not well-formed XML, with libxml2's reason and line.
    case malformed(String, line: Int)
    /// The handler stopped the reading (it reports why itself).
    case stopped
}

/// libxml2's push parser (through CXMLStream) over chunks of a part as they come out of the
/// zip: memory stays that of one chunk and what the handler keeps, whatever the part's size.
/// No network, no external entities, no DTD; libxml2's own limits on names and text nodes stay on.
final class XMLStream {
    private var stream: OpaquePointer?
    // Unowned without the reference count (a callback runs for every element): the handler
    // is the caller's, alive for as long as the caller feeds this stream.
    private unowned(unsafe) let handler: XMLEventHandler
    private(set) var failure: XMLStreamFailure?

    init(handler: XMLEventHandler) {
        self.handler = handler
        stream = cxml_new(Unmanaged.passUnretained(self).toOpaque(), { ctx, name, count, attributes in
            guard let ctx, let name else { return }
            let me = Unmanaged<XMLStream>.fromOpaque(ctx).takeUnretainedValue()
            me.handler.start(XMLName(pointer: name), XMLAttributes(base: attributes, count: Int(count)))
        }, { ctx, name in
            guard let ctx, let name else { return }
            Unmanaged<XMLStream>.fromOpaque(ctx).takeUnretainedValue().handler.end(XMLName(pointer: name))
        }, { ctx, text, length in
            guard let ctx, let text else { return }
            Unmanaged<XMLStream>.fromOpaque(ctx).takeUnretainedValue().handler.characters(UnsafeBufferPointer(start: text, count: Int(length)))
        })
        if stream == nil { failure = .malformed("out of memory", line: 0) }
    }

    deinit { cxml_free(stream) }

    /// Stops the parse: no more events reach the handler.
    func stop() {
        if failure == nil { failure = .stopped }
        cxml_stop(stream)
    }

    /// Feeds the next chunk (`last` after the final one). False once the part cannot be read on.
    @discardableResult
    func feed(_ chunk: UnsafeRawBufferPointer, last: Bool = false) -> Bool {
        guard failure == nil, let stream else { return false }
        var offset = 0
        // The chunk size is an Int32.
        repeat {
            let n = min(chunk.count - offset, 1 << 20)
            let base = chunk.baseAddress.map { ($0 + offset).assumingMemoryBound(to: CChar.self) }
            let code = cxml_feed(stream, base, Int32(n), last && offset + n == chunk.count ? 1 : 0)
            offset += n
            switch Int(code) {
            case Int(CXML_OK): break
            case Int(CXML_DOCTYPE): failure = .doctype; return false
            case Int(CXML_STOPPED): if failure == nil { failure = .stopped }; return false
            default:
                var line: Int32 = 0
                var reason = String(cString: cxml_error(stream, &line))
                while reason.last == "\n" { reason.removeLast() }
                failure = .malformed(reason, line: Int(line))
                return false
            }
        } while offset < chunk.count
        return true
    }

    /// Reads a whole part held in memory.
    static func parse(_ bytes: [UInt8], handler: XMLEventHandler) -> XMLStreamFailure? {
        let stream = XMLStream(handler: handler)
        bytes.withUnsafeBytes { _ = stream.feed($0, last: true) }
        return stream.failure
    }
}
