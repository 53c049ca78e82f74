public enum PathElement: Hashable, Sendable {
    case move(Point)
    case line(Point)
    case curve(Point, Point, Point)
    case close
}

public struct Path: Hashable, Sendable {
    public var elements: [PathElement]
    public init(_ elements: [PathElement] = []) { self.elements = elements }

    public static func rect(_ r: Rect) -> Path {
        Path([.move(r.origin), .line(Point(r.maxX, r.minY)), .line(Point(r.maxX, r.maxY)),
              .line(Point(r.minX, r.maxY)), .close])
    }
    public static func line(_ a: Point, _ b: Point) -> Path { Path([.move(a), .line(b)]) }
    public static func polyline(_ points: [Point]) -> Path {
        guard let first = points.first else { return Path() }
        return Path([.move(first)] + points.dropFirst().map { .line($0) })
    }
    /// A circle from four Bézier arcs (kappa), so every renderer draws it alike.
    public static func circle(center c: Point, radius r: Double) -> Path {
        let k = 0.5522847498 * r
        return Path([
            .move(Point(c.x + r, c.y)),
            .curve(Point(c.x + r, c.y + k), Point(c.x + k, c.y + r), Point(c.x, c.y + r)),
            .curve(Point(c.x - k, c.y + r), Point(c.x - r, c.y + k), Point(c.x - r, c.y)),
            .curve(Point(c.x - r, c.y - k), Point(c.x - k, c.y - r), Point(c.x, c.y - r)),
            .curve(Point(c.x + k, c.y - r), Point(c.x + r, c.y - k), Point(c.x + r, c.y)),
            .close,
        ])
    }
    public static func roundedRect(_ r: Rect, radius: Double) -> Path {
        let rad = max(0, min(radius, r.width / 2, r.height / 2))
        if rad == 0 { return rect(r) }
        let k = 0.5522847498 * rad
        return Path([
            .move(Point(r.minX + rad, r.minY)),
            .line(Point(r.maxX - rad, r.minY)),
            .curve(Point(r.maxX - rad + k, r.minY), Point(r.maxX, r.minY + rad - k), Point(r.maxX, r.minY + rad)),
            .line(Point(r.maxX, r.maxY - rad)),
            .curve(Point(r.maxX, r.maxY - rad + k), Point(r.maxX - rad + k, r.maxY), Point(r.maxX - rad, r.maxY)),
            .line(Point(r.minX + rad, r.maxY)),
            .curve(Point(r.minX + rad - k, r.maxY), Point(r.minX, r.maxY - rad + k), Point(r.minX, r.maxY - rad)),
            .line(Point(r.minX, r.minY + rad)),
            .curve(Point(r.minX, r.minY + rad - k), Point(r.minX + rad - k, r.minY), Point(r.minX + rad, r.minY)),
            .close,
        ])
    }
}

public struct Stroke: Hashable, Sendable {
    public var color: Color
    public var width: Double
    public var dash: [Double]
    public init(_ color: Color, width: Double = 1, dash: [Double] = []) {
        self.color = color; self.width = width; self.dash = dash
    }
}

public struct Shape: Hashable, Sendable {
    public var path: Path
    public var fill: Color?
    public var stroke: Stroke?
    public init(_ path: Path, fill: Color? = nil, stroke: Stroke? = nil) {
        self.path = path; self.fill = fill; self.stroke = stroke
    }
}
