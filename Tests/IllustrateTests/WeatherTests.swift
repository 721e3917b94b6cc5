import Foundation
import Testing
@testable import Illustrate

@Suite struct WeatherTests {
    func scene(_ text: String, weather: ScenePlan.Weather, time: ScenePlan.TimeOfDay = .day) -> SceneDescription {
        SceneDescription(plan: ScenePlan(setting: .meadow, time: time, weather: weather), description: text)
    }

    /// The fraction of pixels whose red changed by more than 0.05.
    func changed(_ a: PlanarImage, _ b: PlanarImage) -> Float {
        let plane = a.width * a.height
        return Float((0..<plane).filter { abs(a.values[$0] - b.values[$0]) > 0.05 }.count) / Float(plane)
    }

    @Test func rainSnowAndFogAreDrawnOverTheScene() {
        for weather in [ScenePlan.Weather.rainy, .snowy, .foggy, .stormy] {
            let description = scene("a meadow", weather: weather)
            let (background, horizon) = ProceduralScene.render(description, width: 384, height: 256, seed: 4, sparse: true)
            var drawn = background
            ProceduralScene.drawWeather(description, on: &drawn, horizon: horizon, seed: 4)
            // Drops and flakes cover a few percent of the picture, fog nearly all of it.
            #expect(changed(background, drawn) > (weather == .foggy ? 0.8 : 0.004), "\(weather) left the scene as it was")
            var again = background
            ProceduralScene.drawWeather(description, on: &again, horizon: horizon, seed: 4)
            #expect(again.values == drawn.values)
        }
        let clear = scene("a meadow", weather: .sunny)
        let (background, horizon) = ProceduralScene.render(clear, width: 192, height: 128, seed: 4, sparse: true)
        var drawn = background
        ProceduralScene.drawWeather(clear, on: &drawn, horizon: horizon, seed: 4)
        #expect(drawn.values == background.values)
    }

    @Test func anOvercastSkyIsGreyerAndAClearNightHasStars() {
        let sunny = ProceduralScene.render(scene("a meadow", weather: .none), width: 192, height: 128, seed: 2)
        let rainy = ProceduralScene.render(scene("a meadow", weather: .rainy), width: 192, height: 128, seed: 2)
        // Saturation of the top row: blue sky against grey.
        func saturation(_ image: PlanarImage) -> Float {
            let plane = image.width * image.height
            return (0..<image.width).reduce(0) { sum, x in
                let rgb = (0..<3).map { image.values[$0 * plane + x] }
                return sum + ((rgb.max() ?? 0) - (rgb.min() ?? 0))
            } / Float(image.width)
        }
        #expect(saturation(rainy) < saturation(sunny) * 0.7)
        let night = ProceduralScene.render(scene("a meadow", weather: .none, time: .night), width: 192, height: 128, seed: 2)
        let plane = night.width * night.height
        let bright = (0..<(night.width * 30)).filter { night.values[$0] > 0.6 && night.values[plane + $0] > 0.6 }.count
        #expect(bright > 5)  // stars (and the moon) in the top rows
    }
}
