extension ImageHTML {
    /// The page's whole stylesheet: system fonts only, nothing loaded from elsewhere.
    static let style = """
        :root { color-scheme: light; }
        * { box-sizing: border-box; }
        body { margin: 0; background: #f6f8fa; color: #1f2328;
          font: 14px/1.45 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; }
        main { max-width: 1200px; margin: 0 auto; padding: 24px 20px 40px; }
        header h1 { margin: 0 0 4px; font-size: 26px; word-break: break-all; }
        .meta { margin: 0 0 16px; color: #57606a; }
        code { font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
        section { background: #fff; border: 1px solid #d0d7de; border-radius: 8px; padding: 14px 18px; margin: 0 0 16px; }
        h2 { margin: 0 0 10px; font-size: 17px; }
        .hint { margin: -4px 0 10px; color: #57606a; font-size: 13px; }
        .facts { display: grid; grid-template-columns: repeat(5, 1fr); gap: 12px; background: none; border: 0; padding: 0; }
        .fact { background: #fff; border: 1px solid #d0d7de; border-radius: 8px; padding: 10px 14px; }
        .fact .label { color: #57606a; font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
        .fact .value { font-size: 24px; font-weight: 600; }
        .fact .note { color: #57606a; font-size: 12px; }
        .bar { display: flex; height: 30px; border-radius: 6px; overflow: hidden; background: #eaeef2; }
        .bar span { display: block; min-width: 1px; color: #fff; font-size: 12px; line-height: 30px; padding-left: 6px;
          white-space: nowrap; overflow: hidden; border-right: 1px solid #fff; }
        .legend { list-style: none; margin: 10px 0 0; padding: 0; display: flex; flex-wrap: wrap; gap: 6px 18px; }
        .legend i { display: inline-block; width: 12px; height: 12px; border-radius: 2px; margin-right: 6px; vertical-align: -1px; }
        .legend span { color: #57606a; }
        svg.treemap { display: block; width: 100%; height: auto; font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; }
        table { border-collapse: collapse; width: 100%; }
        th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #eaeef2; vertical-align: top; }
        th { color: #57606a; font-weight: 600; font-size: 12px; }
        .num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
        .step code { word-break: break-all; }
        .meter { width: 120px; }
        .meter span { display: block; height: 10px; margin-top: 5px; background: #0969da; border-radius: 2px; }
        .pair { display: grid; grid-template-columns: 1fr 1fr; gap: 24px; }
        .badge { display: inline-block; padding: 0 8px; border-radius: 10px; font-size: 12px; font-weight: 600; color: #fff; background: #57606a; }
        .badge.error { background: #cf222e; } .badge.warning { background: #bf8700; } .badge.info { background: #0969da; }
        footer { color: #57606a; font-size: 12px; text-align: center; }
        @media (max-width: 800px) { .facts { grid-template-columns: 1fr 1fr; } .pair { grid-template-columns: 1fr; } }

        """
}
