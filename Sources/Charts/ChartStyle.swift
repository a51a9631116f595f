/// Sizes, fonts and colours shared by every chart. Charts use a fixed viewBox and a white
/// background so they read the same in GitHub's light and dark Markdown views, and only generic
/// font families, so nothing is fetched.
public enum ChartStyle {
    public static let width: Double = 800
    public static let height: Double = 320
    public static let fontFamily = "-apple-system, 'Segoe UI', Helvetica, Arial, sans-serif"
    public static let textColor = "#24292f"
    public static let mutedColor = "#57606a"
    public static let gridColor = "#d8dee4"
    public static let axisColor = "#8c959f"
    public static let background = "#ffffff"

    /// Line colour of a size series.
    public static let seriesColor = "#0969da"
    /// A second size series beside the first (the fleet's deduplicated total).
    public static let secondSeriesColor = "#8250df"
    /// Threshold colours: warning, failure and target.
    public static let warnColor = "#bf8700"
    public static let failColor = "#cf222e"
    public static let targetColor = "#1a7f37"
}

/// The plotting rectangle of a chart, inside its margins.
struct PlotArea {
    var left: Double
    var top: Double
    var right: Double
    var bottom: Double

    var width: Double { right - left }
    var height: Double { bottom - top }

    static let standard = PlotArea(left: 78, top: 62, right: ChartStyle.width - 112, bottom: ChartStyle.height - 40)
}
