import Charts
import Testing

@Suite struct TreemapTests {
    @Test func areasAreProportionalAndInsideTheBounds() {
        let bounds = ChartRect(x: 10, y: 20, width: 600, height: 400)
        let weights: [Int64] = [500, 250, 120, 80, 30, 15, 5, 0]
        let rects = Treemap.layout(weights, in: bounds)
        #expect(rects.count == weights.count)
        let total = Double(weights.reduce(0, +))
        for (weight, rect) in zip(weights, rects) {
            let expected = bounds.area * Double(weight) / total
            #expect(abs(rect.area - expected) < 0.01, "weight \(weight): \(rect.area) vs \(expected)")
            if weight > 0 {
                #expect(rect.x >= bounds.x - 1e-6 && rect.y >= bounds.y - 1e-6)
                #expect(rect.x + rect.width <= bounds.x + bounds.width + 1e-6)
                #expect(rect.y + rect.height <= bounds.y + bounds.height + 1e-6)
            }
        }
        // No two rectangles overlap.
        for i in rects.indices {
            for j in rects.indices where j > i {
                let a = rects[i]
                let b = rects[j]
                let overlapWidth = min(a.x + a.width, b.x + b.width) - max(a.x, b.x)
                let overlapHeight = min(a.y + a.height, b.y + b.height) - max(a.y, b.y)
                #expect(overlapWidth <= 1e-6 || overlapHeight <= 1e-6, "\(i) overlaps \(j)")
            }
        }
    }

    @Test func shapesStayReasonablySquare() {
        let rects = Treemap.layout([100, 100, 100, 100], in: ChartRect(x: 0, y: 0, width: 200, height: 200))
        for rect in rects {
            #expect(abs(rect.width - 100) < 1e-6 && abs(rect.height - 100) < 1e-6)
        }
    }
}
