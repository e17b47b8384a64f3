import Testing
import TriadCheck
@testable import TriadTrain

/// The landscape (TriadCheck, which cannot import the trainer) states the trainer's presets as numbers;
/// this test, which sees both, keeps them equal, so a changed preset fails here rather than leaving the
/// landscape claims and `Reports/landscape.md` about a setting the trainer no longer uses.
@Suite("The landscape's presets are the trainer's")
struct LandscapePresetTests {
    @Test("LandscapeSetting.chosenPreset is GEDI's configuration; startPreset is where the sweep starts")
    func presetsAgree() {
        let chosen = ExperimentPresets.configuration(.gedi, seed: 0), start = ExperimentPresets.start(seed: 0)
        for (landscape, trainer) in [(LandscapeSetting.chosenPreset, chosen), (.startPreset, start)] {
            #expect(landscape.temperature == trainer.temperature, "tau: landscape \(landscape.temperature), trainer \(trainer.temperature)")
            #expect(landscape.augmentationStd == trainer.augmentationStd, "s: landscape \(landscape.augmentationStd), trainer \(trainer.augmentationStd)")
            #expect(landscape.weights == trainer.weights, "λ: landscape \(landscape.weights), trainer \(trainer.weights)")
        }
    }
}
