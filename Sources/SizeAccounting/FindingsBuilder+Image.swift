import ImageModel

extension FindingsBuilder {
    /// One finding per (layer, superseding layer) pair that wasted bytes.
    func wasted() -> [Finding] {
        image.wasteCauses.filter { $0.bytes > 0 }.map { cause in
            let victim = describe(layer: cause.layer)
            let culprit = describe(layer: cause.supersededBy)
            let message = cause.layer == cause.supersededBy
                ? "\(victim) writes \(counted(cause.files, "path")) twice; the earlier copies still take space"
                : "\(culprit) overwrote or deleted \(counted(cause.files, "file")) added by \(victim);"
                    + " their bytes still ship in layer \(cause.layer)"
            return Finding(
                id: "wasted-bytes", severity: cause.bytes >= Self.warningBytes ? .warning : .info, bytes: cause.bytes,
                message: message, suggestion: suggestion(for: cause))
        }
    }

    private func describe(layer index: Int) -> String {
        guard index < image.layers.count else { return "layer \(index)" }
        let step = HistoryStep.short(image.layers[index].createdBy)
        guard !step.isEmpty else { return "layer \(index)" }
        let shortened = step.count > 80 ? String(step.prefix(79)) + "…" : step
        return "layer \(index) (`\(shortened)`)"
    }

    private func suggestion(for cause: WasteCause) -> String {
        WasteRemedy(cause, in: image).suggestion(for: cause)
    }

    /// Checks of the image config the team requires: a non-root user and a HEALTHCHECK.
    func configuration() -> [Finding] {
        var result: [Finding] = []
        if image.config.runsAsRoot {
            let user = image.config.user.isEmpty ? "no USER is set" : "USER is \(image.config.user)"
            result.append(Finding(
                id: "runs-as-root", severity: .warning, bytes: 0,
                message: "the image runs as root (\(user))",
                suggestion: "Run as a non-root user such as 1001: create it (`RUN adduser -D -u 1001 app` on Alpine,"
                    + " `useradd -u 1001 app` on Debian) and add `USER 1001`."))
        }
        if !image.config.healthcheck {
            // A Node command only where Node is: an alpine or Go image gets a generic one.
            let command = hasNode
                ? "`HEALTHCHECK CMD node dist/healthcheck.js` (or a request to the service's health endpoint)"
                : "a `HEALTHCHECK CMD` that asks the service's health endpoint (e.g. `wget -qO- http://localhost:8080/health`)"
            result.append(Finding(
                id: "no-healthcheck", severity: .info, bytes: 0,
                message: "the image declares no HEALTHCHECK",
                suggestion: "Add \(command);"
                    + " on Kubernetes, which ignores HEALTHCHECK, define liveness and readiness probes instead."))
        }
        return result
    }

    /// True when the image has a Node runtime (a `node` executable on a usual path) or node installs.
    private var hasNode: Bool {
        guard ledger.nodeInstalls.isEmpty else { return true }
        let runtimes: Set<String> = ["/usr/local/bin/node", "/usr/bin/node", "/bin/node", "/opt/node/bin/node"]
        return image.files.contains { runtimes.contains($0.path) }
    }
}
