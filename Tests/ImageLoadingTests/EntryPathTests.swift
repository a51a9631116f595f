import Testing

@testable import ImageLoading

/// The scanner's byte fast path (`plainForm`) must give exactly what `normalise` gives, for every
/// name it accepts; and it must accept the forms tar writes for nearly every entry.
@Suite struct EntryPathTests {
    static let components = ["a", "b.txt", ".", "..", "", "...", ".hidden", ".wh.x", ".wh..wh..opq", "wh.y"]

    static var names: [String] {
        var names: [String] = []
        var bodies: [[String]] = components.map { [$0] }
        for first in components { for second in components { bodies.append([first, second]) } }
        for first in components { for second in ["a", "..", ""] { for third in components { bodies.append([first, second, third]) } } }
        for body in bodies {
            let joined = body.joined(separator: "/")
            for prefix in ["", "/", "./", "//", "././"] {
                for suffix in ["", "/", "//"] { names.append(prefix + joined + suffix) }
            }
        }
        return names
    }

    @Test func thePlainFormIsWhatNormalisingGives() {
        var accepted = 0
        for name in Self.names {
            var copy = name
            let plain = copy.withUTF8 { EntryPath.plainForm($0).map { String(decoding: $0, as: UTF8.self) } }
            guard let plain else { continue }
            accepted += 1
            #expect(EntryPath.normalise(name) == .path(plain, wasAbsolute: false, hasWhiteoutPrefix: false), "\(name)")
        }
        #expect(accepted > 100)
    }

    @Test func theFormsTarWritesTakeTheFastPath() {
        for (name, plain) in [
            ("app/index.js", "app/index.js"), ("usr/lib/", "usr/lib"), ("./app/x", "app/x"), ("./etc/", "etc"), ("a", "a"),
            ("app/.hidden/...", "app/.hidden/..."),
        ] {
            var copy = name
            #expect(copy.withUTF8 { EntryPath.plainForm($0).map { String(decoding: $0, as: UTF8.self) } } == plain, "\(name)")
        }
        for name in ["/etc/hosts", "./", ".", "a/../b", "a//b", "a/./b", "app/.wh.x", "app/.wh..wh..opq", String(repeating: "d/", count: 2_049)] {
            var copy = name
            #expect(copy.withUTF8 { EntryPath.plainForm($0) } == nil, "\(name)")
        }
    }
}
