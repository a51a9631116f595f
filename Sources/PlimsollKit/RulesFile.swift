import Foundation
import SizeAccounting

/// Reads a user's accounting rules file (`inspect --rules FILE`).
public enum RulesFile {
    /// The built-in rules extended by the file at `path` (when given). Errors name the file.
    public static func accountant(extendedWith path: String?) throws(RulesError) -> SizeAccountant {
        guard let path else { return try SizeAccountant.standard() }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw RulesError(source: path, message: "cannot read the rules file: \(Self.reason(error))")
        }
        let user = try AccountingRules.parse(Array(data), source: path)
        return try SizeAccountant.standard(extendedWith: user)
    }

    private static func reason(_ error: Error) -> String {
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
        if let code = underlying?.code, underlying?.domain == NSPOSIXErrorDomain, let text = strerror(Int32(code)) {
            return String(cString: text)
        }
        return error.localizedDescription
    }
}
