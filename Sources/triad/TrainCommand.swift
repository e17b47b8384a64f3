import Foundation
import TriadCore
import TriadTrain

/// `triad train`: trains one method on one toy data set and reports the held-out NMI.
enum TrainCommand: Command {
    static let name = "train"
    static let summary = "train --method gedi|nogen|noinv|nounif|jem|swav|barlow --dataset moons|circles --seed S [--json] [...]"
    static let valuedOptions: Set<String> = [
        "method", "dataset", "seed", "iterations", "lr", "batch", "aug-std", "tau", "sgld-step", "sgld-noise",
        "sgld-steps", "weights", "test-count", "record-every", "figures",
    ]

    static func run(_ arguments: inout Arguments) throws -> Int32 {
        let methods = MethodKind.allCases.map(\.rawValue).joined(separator: ", ")
        let method = try arguments.value("method", default: MethodKind.gedi, "one of \(methods)") { MethodKind(rawValue: $0) }
        let kinds = ToyDataKind.allCases.map(\.rawValue).joined(separator: ", ")
        let dataset = try arguments.value("dataset", default: ToyDataKind.moons, "one of \(kinds)") { ToyDataKind(rawValue: $0) }
        let seed = try arguments.value("seed", default: UInt64(0), "an unsigned integer") { UInt64($0) }
        var config = ExperimentPresets.configuration(method, seed: seed)
        func positive(_ s: String) -> Double? { Double(s).flatMap { $0.isFinite && $0 > 0 ? $0 : nil } }
        func nonNegative(_ s: String) -> Double? { Double(s).flatMap { $0.isFinite && $0 >= 0 ? $0 : nil } }
        config.iterations = try arguments.value("iterations", default: config.iterations, "an integer >= 0") {
            Int($0).flatMap { $0 >= 0 ? $0 : nil }
        }
        config.learningRate = try arguments.value("lr", default: config.learningRate, "a number > 0", positive)
        config.batchSize = try arguments.value("batch", default: config.batchSize, "an integer >= 2") {
            Int($0).flatMap { $0 >= 2 ? $0 : nil }
        }
        config.augmentationStd = try arguments.value("aug-std", default: config.augmentationStd, "a number >= 0", nonNegative)
        config.temperature = try arguments.value("tau", default: config.temperature, "a number > 0", positive)
        config.langevin.stepSize = try arguments.value("sgld-step", default: config.langevin.stepSize, "a number >= 0", nonNegative)
        config.langevin.noise = try arguments.value("sgld-noise", default: config.langevin.noise, "a number >= 0", nonNegative)
        config.langevin.steps = try arguments.value("sgld-steps", default: config.langevin.steps, "an integer >= 1") {
            Int($0).flatMap { $0 >= 1 ? $0 : nil }
        }
        config.weights = try arguments.value("weights", default: config.weights,
                                             "three numbers >= 0: lambda_GEN,lambda_INV,lambda_PRIOR") { text in
            let w = text.split(separator: ",").compactMap { nonNegative(String($0)) }
            return w.count == 3 ? GEDIObjective.Weights(generative: w[0], invariance: w[1], prior: w[2]) : nil
        }
        let testCount = try arguments.value("test-count", default: 2_000, "an integer >= 2") {
            Int($0).flatMap { $0 >= 2 ? $0 : nil }
        }
        config.recordEvery = try arguments.value("record-every", default: 100, "an integer >= 0") {
            Int($0).flatMap { $0 >= 0 ? $0 : nil }
        }
        let figureDirectory = arguments.string("figures")
        let json = arguments.flag("json")
        try arguments.rejectUnknown()

        let experiment = ToyExperiment(configuration: config, dataset: dataset, testCount: testCount)
        let terminal = isatty(STDOUT_FILENO) == 1 && !json
        let result = try experiment.run(figures: figureDirectory == nil ? nil : 48) { record in
            guard terminal else { return }
            let terms = record.terms.sorted { $0.key < $1.key }
                .map { "\($0.key) \(String(format: "%.4f", $0.value))" }.joined(separator: "  ")
            print("\rstep \(record.iteration)/\(config.iterations)  loss \(String(format: "%.4f", record.loss))  \(terms)\u{1B}[K",
                  terminator: "")
            fflush(nil)  // all C streams: print buffers in stdout
        }
        if terminal { print("") }
        let records = result.records, seconds = result.seconds, nmi = result.nmi
        let diagnosis = result.diagnosis
        var written: [String] = []
        if let figureDirectory, let figures = result.figures {
            let stem = "\(figureDirectory)/\(method)-\(dataset)-seed\(seed)"
            try AtomicFile.write(figures.assignments, to: stem + "-clusters.svg")
            written.append(stem + "-clusters.svg")
            if let energy = figures.energy {
                try AtomicFile.write(energy, to: stem + "-energy.svg")
                written.append(stem + "-energy.svg")
            }
        }
        let msPerStep = config.iterations > 0 ? 1e3 * seconds / Double(config.iterations) : 0
        if json {
            let history: [[String: Any]] = records.map {
                ["iteration": $0.iteration, "loss": $0.loss, "terms": $0.terms]
            }
            let w = config.weights
            let object: [String: Any] = [
                "method": method.rawValue, "dataset": dataset.rawValue, "seed": seed, "iterations": config.iterations,
                "learning_rate": config.learningRate, "batch_size": config.batchSize,
                "augmentation_std": config.augmentationStd, "tau": config.temperature,
                "weights": [w.generative, w.invariance, w.prior],
                "sgld": ["step": config.langevin.stepSize, "noise": config.langevin.noise,
                         "steps": config.langevin.steps, "buffer": config.langevin.bufferSize,
                         "reinitialization": config.langevin.reinitialization, "boundary": config.langevin.boundary.rawValue],
                "test_count": testCount, "nmi": nmi,
                "diagnosis": [
                    "failure_mode": diagnosis.failureMode.description, "embedding_spread": diagnosis.embeddingSpread,
                    "largest_cluster_share": diagnosis.largestClusterShare,
                    "cluster_share_entropy": diagnosis.clusterShareEntropy,
                    "mean_prediction_entropy": diagnosis.meanPredictionEntropy,
                    "normalized_prediction_entropy": diagnosis.normalizedPredictionEntropy,
                ], "final_loss": records.last?.loss ?? NSNull(),
                "seconds": seconds, "ms_per_step": msPerStep, "history": history,
            ]
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        } else {
            print("\(method) on \(dataset), seed \(seed): \(config.iterations) steps in "
                  + String(format: "%.1f s (%.2f ms/step)", seconds, msPerStep))
            if let last = records.last { print(String(format: "final loss %.4f", last.loss)) }
            print(String(format: "held-out NMI (%d points): %.4f", testCount, nmi))
            print("diagnosis: \(diagnosis)")
            for path in written { print("wrote \(path)") }
        }
        return 0
    }
}
