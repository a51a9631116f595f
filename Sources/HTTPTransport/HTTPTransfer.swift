import CCurl
import Foundation

/// The one funnel over libcurl: a final class owning one easy handle and the multi handle that
/// drives it, as `ArchiveReader` owns a `struct archive *`.
///
/// The multi interface lets the caller pull: `open()` runs the transfer until the response head
/// is known, then each `read()` runs it only until the write callback has delivered bytes. A
/// body is never held whole; at most `bufferLimit` bytes wait between libcurl and the reader
/// (beyond that the write callback pauses the transfer).
public final class HTTPTransfer {
    /// Room for what one `curl_multi_perform` delivers before the transfer pauses.
    static let bufferLimit = 1 << 20

    public let request: HTTPRequest
    private let easy: UnsafeMutableRawPointer
    private let multi: UnsafeMutableRawPointer
    private var headerList: UnsafeMutablePointer<curl_slist>?
    /// libcurl writes its detailed message here; it must outlive the handle.
    private let errorBuffer: UnsafeMutablePointer<CChar> = {
        let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        buffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        return buffer
    }()
    /// Bytes delivered by the write callback and not yet handed out.
    private var incoming = ByteBuffer(capacity: 256 * 1024)
    /// The bytes handed out by the last `read()`, kept alive until the next.
    private var outgoing = ByteBuffer(capacity: 256 * 1024)
    private var headLines: [String] = []
    private var finished = false
    private var result: CURLcode = CURLE_OK
    private var paused = false
    private var opened = false
    private var callbackFailure: HTTPTransferError?

    /// The response head, once `open()` has returned.
    public private(set) var head = HTTPResponseHead(status: 0, headers: [])
    /// Body bytes handed out so far.
    public private(set) var bodyBytesRead: Int64 = 0

    private static let globalInit: Void = { curl_global_init(Int(CURL_GLOBAL_DEFAULT)) }()

    public init(_ request: HTTPRequest) throws(HTTPTransferError) {
        _ = Self.globalInit
        self.request = request
        guard let easy = curl_easy_init(), let multi = curl_multi_init() else {
            throw HTTPTransferError(code: 0, kind: .other, message: "libcurl could not start a transfer", url: request.url)
        }
        self.easy = easy
        self.multi = multi
        try configure()
        curl_multi_add_handle(multi, easy)
    }

    deinit {
        curl_multi_remove_handle(multi, easy)
        curl_easy_cleanup(easy)
        curl_multi_cleanup(multi)
        curl_slist_free_all(headerList)
        errorBuffer.deallocate()
    }

    // MARK: Options

    private func set(_ option: CURLoption, _ value: Int) throws(HTTPTransferError) {
        try check(plimsoll_curl_setopt_long(easy, option, value))
    }

    private func set(_ option: CURLoption, _ value: String) throws(HTTPTransferError) {
        try check(value.withCString { plimsoll_curl_setopt_string(easy, option, $0) })
    }

    private func check(_ code: CURLcode) throws(HTTPTransferError) {
        guard code == CURLE_OK else { throw error(code) }
    }

    private func configure() throws(HTTPTransferError) {
        let context = Unmanaged.passUnretained(self).toOpaque()
        try set(CURLOPT_URL, request.url)
        try check(plimsoll_curl_setopt_pointer(easy, CURLOPT_ERRORBUFFER, errorBuffer))
        try check(plimsoll_curl_setopt_callback(easy, CURLOPT_WRITEFUNCTION, { data, size, count, context in
            let transfer = Unmanaged<HTTPTransfer>.fromOpaque(context!).takeUnretainedValue()
            return transfer.receive(UnsafeRawBufferPointer(start: data, count: size * count))
        }))
        try check(plimsoll_curl_setopt_pointer(easy, CURLOPT_WRITEDATA, context))
        try check(plimsoll_curl_setopt_callback(easy, CURLOPT_HEADERFUNCTION, { data, size, count, context in
            let transfer = Unmanaged<HTTPTransfer>.fromOpaque(context!).takeUnretainedValue()
            transfer.receiveHeader(UnsafeRawBufferPointer(start: data, count: size * count))
            return size * count
        }))
        try check(plimsoll_curl_setopt_pointer(easy, CURLOPT_HEADERDATA, context))
        if request.method == .head { try set(CURLOPT_NOBODY, 1) }
        try set(CURLOPT_FOLLOWLOCATION, request.followRedirects ? 1 : 0)
        try set(CURLOPT_MAXREDIRS, 8)
        // Credentials go only to the host they were meant for, never along a redirect.
        try set(CURLOPT_UNRESTRICTED_AUTH, 0)
        try set(CURLOPT_CONNECTTIMEOUT, 15)
        // A stalled server (under 1 byte/s for 60 s) fails instead of hanging the run.
        try set(CURLOPT_LOW_SPEED_LIMIT, 1)
        try set(CURLOPT_LOW_SPEED_TIME, 60)
        try set(CURLOPT_NOSIGNAL, 1)
        try set(CURLOPT_BUFFERSIZE, 256 * 1024)
        try set(CURLOPT_PROTOCOLS_STR, "http,https")
        try set(CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        try set(CURLOPT_USERAGENT, "plimsoll")
        let proxy = request.proxy ?? ProxySettings()
        try set(CURLOPT_PROXY, proxy.proxy(for: request.url))
        if let noProxy = proxy.noProxy { try set(CURLOPT_NOPROXY, noProxy) }
        if let socket = request.unixSocket { try set(CURLOPT_UNIX_SOCKET_PATH, socket) }
        if let extra = request.extraCertificates, !extra.isEmpty {
            // A blob of PEM certificates added to the default bundle (OpenSSL loads both).
            try addCertificates(extra)
        }
        if let client = request.clientCertificate {
            try set(CURLOPT_SSLCERT, client.certificate)
            try set(CURLOPT_SSLKEY, client.key)
        }
        var lines = request.headers.map { "\($0.name): \($0.value)" }
        if let start = request.rangeStart, start > 0 { lines.append("Range: bytes=\(start)-") }
        for line in lines { headerList = curl_slist_append(headerList, line) }
        if let headerList { try check(plimsoll_curl_setopt_pointer(easy, CURLOPT_HTTPHEADER, headerList)) }
    }

    private func addCertificates(_ pem: String) throws(HTTPTransferError) {
        var bytes = Array(pem.utf8)
        let code = bytes.withUnsafeMutableBytes { raw -> CURLcode in
            // libcurl copies the blob, so the bytes need not outlive this call.
            var blob = curl_blob(data: raw.baseAddress, len: raw.count, flags: UInt32(CURL_BLOB_COPY))
            return plimsoll_curl_setopt_pointer(easy, CURLOPT_CAINFO_BLOB, &blob)
        }
        try check(code)
        // The system store stays trusted beside the blob.
        try set(CURLOPT_CAPATH, "/etc/ssl/certs")
    }

    // MARK: Callbacks

    private func receive(_ block: UnsafeRawBufferPointer) -> Int {
        if incoming.count >= Self.bufferLimit {
            paused = true
            return Int(CURL_WRITEFUNC_PAUSE)
        }
        incoming.append(block)
        return block.count
    }

    private func receiveHeader(_ block: UnsafeRawBufferPointer) {
        let line = String(decoding: block, as: UTF8.self)
        // Each response (a redirect, a 100 Continue) starts its own block of headers.
        if line.hasPrefix("HTTP/") { headLines = [] }
        headLines.append(line)
    }

    // MARK: Driving

    /// Runs the transfer until body bytes arrive or it ends.
    private func drive() throws(HTTPTransferError) {
        if paused {
            paused = false
            curl_easy_pause(easy, CURLPAUSE_CONT)
        }
        while incoming.isEmpty && !finished {
            var running: Int32 = 0
            let status = curl_multi_perform(multi, &running)
            guard status == CURLM_OK else {
                throw HTTPTransferError(
                    code: Int32(status.rawValue), kind: .other, message: String(cString: curl_multi_strerror(status)), url: request.url)
            }
            var remaining: Int32 = 0
            while let message = curl_multi_info_read(multi, &remaining) {
                if message.pointee.msg == CURLMSG_DONE {
                    finished = true
                    result = message.pointee.data.result
                }
            }
            if finished || !incoming.isEmpty || paused { break }
            curl_multi_poll(multi, nil, 0, 1000, nil)
        }
    }

    /// Runs the transfer until the final response's status and headers are known.
    public func open() throws(HTTPTransferError) -> HTTPResponseHead {
        if opened { return head }
        opened = true
        try drive()
        var status = 0
        plimsoll_curl_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
        // A failure after the head arrived (a body cut short) surfaces from `read()`, once the
        // bytes that did arrive are handed out.
        if finished && result != CURLE_OK && status == 0 { throw error(result) }
        head = HTTPResponseHead(status: status, headers: headLines.compactMap(HTTPHeader.init(line:)))
        return head
    }

    /// The next body bytes; empty at the end. The buffer stays valid until the next call.
    public func read() throws(HTTPTransferError) -> UnsafeRawBufferPointer {
        if !opened { _ = try open() }
        if let callbackFailure { throw callbackFailure }
        try drive()
        if incoming.isEmpty {
            if finished && result != CURLE_OK { throw error(result) }
            return UnsafeRawBufferPointer(start: nil, count: 0)
        }
        swap(&incoming, &outgoing)
        incoming.removeAll()
        bodyBytesRead += Int64(outgoing.count)
        return outgoing.bytes
    }

    /// The whole body, for small documents (manifests, configs, tokens); over `limit` bytes fails.
    public func readAll(limit: Int) throws(HTTPTransferError) -> [UInt8] {
        var body: [UInt8] = []
        while true {
            let block = try read()
            if block.isEmpty { return body }
            guard body.count + block.count <= limit else {
                throw HTTPTransferError(code: 0, kind: .tooLarge(limit: limit), message: "response is over the \(limit)-byte limit", url: request.url)
            }
            body.append(contentsOf: block)
        }
    }

    // MARK: Errors

    private func error(_ code: CURLcode) -> HTTPTransferError {
        let detail = String(cString: errorBuffer)
        let message = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
        return HTTPTransferError(code: Int32(code.rawValue), kind: Self.kind(code), message: message, url: request.url)
    }

    static func kind(_ code: CURLcode) -> HTTPTransferError.Kind {
        switch code {
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY: return .couldNotResolve
        case CURLE_COULDNT_CONNECT: return .couldNotConnect
        case CURLE_OPERATION_TIMEDOUT: return .timedOut
        case CURLE_PARTIAL_FILE, CURLE_RECV_ERROR, CURLE_GOT_NOTHING, CURLE_SEND_ERROR: return .cutShort
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_CERTPROBLEM,
            CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS:
            return .tls
        default: return .other
        }
    }
}
