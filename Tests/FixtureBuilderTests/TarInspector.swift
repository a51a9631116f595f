import Foundation

/// One tar member as Python's `tarfile` (an independent reader) sees it.
struct InspectedMember: Decodable {
    var name: String
    var nameHex: String
    var type: String
    var size: Int64
    var linkname: String
    /// sha256 of the member's bytes, for regular files.
    var sha256: String?
    /// When the member is a (possibly compressed) tar: sha256 and length of the decompressed tar.
    var diffID: String?
    var tarSize: Int64?
    var compression: String?
    var entries: [InspectedMember]?
    /// The member's text when it parses as JSON.
    var json: String?

    /// The member's JSON, parsed by Foundation.
    func parsedJSON() throws -> Any {
        guard let json else { throw InspectionError("'\(name)' is not JSON") }
        return try JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed])
    }
}

struct InspectionError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Runs external tools (python3 tarfile/hashlib, bsdtar) over written fixtures, so the builder is
/// checked by code that shares nothing with it.
enum TarInspector {
    private static let script = #"""
import sys, tarfile, hashlib, json, gzip, subprocess, io, os

def decompress(data):
    if data[:2] == b'\x1f\x8b':
        return 'gzip', gzip.decompress(data)
    if data[:4] == b'\x28\xb5\x2f\xfd':
        return 'zstd', subprocess.run(['zstd', '-dcq'], input=data, capture_output=True, check=True).stdout
    return 'none', data

def kind(m):
    return 'dir' if m.isdir() else 'symlink' if m.issym() else 'hardlink' if m.islnk() else 'file' if m.isfile() else 'other'

def describe(m):
    raw = m.name.encode('utf-8', 'surrogateescape')
    return {'name': raw.decode('utf-8', 'replace'), 'nameHex': raw.hex(), 'type': kind(m), 'size': m.size,
            'linkname': m.linkname.encode('utf-8', 'surrogateescape').decode('utf-8', 'replace')}

def is_tar(plain):
    return (len(plain) >= 262 and plain[257:262] == b'ustar') or (len(plain) >= 1024 and plain.count(0) == len(plain))

def inspect_bytes(e, data):
    e['sha256'] = 'sha256:' + hashlib.sha256(data).hexdigest()
    comp, plain = decompress(data)
    if is_tar(plain):
        e['compression'] = comp
        e['diffID'] = 'sha256:' + hashlib.sha256(plain).hexdigest()
        e['tarSize'] = len(plain)
        with tarfile.open(fileobj=io.BytesIO(plain)) as inner:
            e['entries'] = [describe(m) for m in inner.getmembers()]
    elif data[:1] in (b'{', b'['):
        try:
            json.loads(data)
            e['json'] = data.decode('utf-8')
        except ValueError:
            pass

path = sys.argv[1]
out = []
if os.path.isdir(path):
    for root, dirs, files in os.walk(path):
        dirs.sort()
        for f in sorted(files):
            full = os.path.join(root, f)
            rel = os.path.relpath(full, path)
            e = {'name': rel, 'nameHex': rel.encode().hex(), 'type': 'file', 'size': os.path.getsize(full), 'linkname': ''}
            if os.path.islink(full):
                e['type'] = 'symlink'; e['linkname'] = os.readlink(full)
            else:
                inspect_bytes(e, open(full, 'rb').read())
            out.append(e)
else:
    comp, raw = decompress(open(path, 'rb').read())
    with tarfile.open(fileobj=io.BytesIO(raw)) as tf:
        for m in tf.getmembers():
            e = describe(m)
            if m.isfile():
                inspect_bytes(e, tf.extractfile(m).read())
            out.append(e)
print(json.dumps(out))
"""#

    /// Lists a tarball (any outer compression) or a directory, member by member.
    static func inspect(_ path: String) throws -> [InspectedMember] {
        let output = try run("/usr/bin/env", ["python3", "-c", script, path])
        return try JSONDecoder().decode([InspectedMember].self, from: output)
    }

    /// `bsdtar -tvf path` output lines.
    static func bsdtarListing(_ path: String) throws -> [String] {
        let output = try run("/usr/bin/env", ["bsdtar", "-tvf", path])
        return String(decoding: output, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        // Read before waiting: a full pipe would otherwise block the child forever.
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw InspectionError("\(arguments.first ?? executable) failed: \(String(decoding: errors, as: UTF8.self))")
        }
        return output
    }
}

/// A temporary directory for one test, removed when the test ends.
final class Scratch {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("fixture-test-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String) -> String { path + "/" + name }
}

extension Array where Element == InspectedMember {
    func member(_ name: String) throws -> InspectedMember {
        guard let found = first(where: { $0.name == name }) else {
            throw InspectionError("no member '\(name)' in \(map(\.name))")
        }
        return found
    }
}
