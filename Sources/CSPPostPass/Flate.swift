import CLibZ

/// zlib's deflate format (PDF's /FlateDecode), at zlib's default level.
enum Flate {
    /// The data inside a zlib stream; nil when it is not one, or when it would decode to more
    /// than `limit` bytes.
    static func inflate(_ input: [UInt8], limit: Int = 1 << 30) -> [UInt8]? {
        var stream = z_stream()
        guard inflateInit_(&stream, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var status = Z_OK
        input.withUnsafeBufferPointer { inBuf in
            stream.next_in = UnsafeMutablePointer(mutating: inBuf.baseAddress)
            stream.avail_in = uInt(inBuf.count)
            // Z_OK while there is more; Z_BUF_ERROR when the input ends before the stream does.
            while status == Z_OK {
                let n = chunk.withUnsafeMutableBufferPointer { c -> Int in
                    stream.next_out = c.baseAddress
                    stream.avail_out = uInt(c.count)
                    status = CLibZ.inflate(&stream, Z_NO_FLUSH)
                    return c.count - Int(stream.avail_out)
                }
                output += chunk[..<n]
                if output.count > limit { status = Z_MEM_ERROR }
            }
        }
        return status == Z_STREAM_END ? output : nil
    }

    /// `input` as a zlib stream at zlib's default level.
    static func deflate(_ input: [UInt8]) -> [UInt8]? {
        var stream = z_stream()
        guard deflateInit_(&stream, Z_DEFAULT_COMPRESSION, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(input.count))))
        var status = Z_OK
        input.withUnsafeBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                stream.next_in = UnsafeMutablePointer(mutating: inBuf.baseAddress)
                stream.avail_in = uInt(inBuf.count)
                stream.next_out = outBuf.baseAddress
                stream.avail_out = uInt(outBuf.count)
                status = CLibZ.deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { return nil }
        output.removeSubrange(Int(stream.total_out)...)
        return output
    }
}
