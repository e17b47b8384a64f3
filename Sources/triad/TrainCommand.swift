import Foundation
import TriadCore
import TriadTrain

/// `triad train`: trains one method on one toy data set and reports the held-out NMI.
enum TrainCommand: Command {
    static let name = "train"
    static let summary = "train one method on one toy data set and report the held-out NMI"

    // The size limits are what the trainer can allocate comfortably on a small machine, measured with
    // the release build (maximum resident set of `triad train --iterations 2`): every batch point
    // costs about 6.4 KB of trainer buffers (the MLP workspaces hold activations and gradients of
    // the two views and the SGLD samples, 112-column padded rows of Float), 40 000 points 270 MB;
    // every held-out point about 2.2 KB (evaluation and diagnosis), 100 000 points 230 MB, and the
    // diagnosis time grows faster than linearly (100 000 points: 47 s, 400 000: 235 s). Beyond the
    // limits a run would take gigabytes or hours; 1e8 points would abort on allocation.
    static let maxBatch = 100_000
    static let maxTestCount = 200_000
    // Each recorded step is kept in memory (a few hundred bytes with its terms) and training takes about
    // 1.2 ms per GEDI step (AVX-512, `triad bench`): a million steps is about 20 minutes and at most
    // 300 MB of records.
    static let maxIterations = 1_000_000

    /// A preset value as `--help` shows it: GEDI's, then the methods whose preset differs.
    static func preset(_ value: (TrainingConfiguration) -> String) -> String {
        let gedi = value(ExperimentPresets.configuration(.gedi, seed: 0))
        let others = MethodKind.allCases.compactMap { m -> String? in
            let v = value(ExperimentPresets.configuration(m, seed: 0))
            return v == gedi ? nil : "\(m) \(v)"
        }
        return "the method's preset: \(gedi)" + (others.isEmpty ? "" : " (" + others.joined(separator: ", ") + ")")
    }
    static func number(_ d: Double) -> String { OptionType<Double>.show(d) }

    static let method = Option("method", "NAME", "the method to train", .choice, default: MethodKind.gedi)
    static let dataset = Option("dataset", "NAME", "the toy data set", .choice, default: ToyDataKind.moons)
    static let seed = Option("seed", "S", "seed of the data, the initialisation and the noise", .seed, default: UInt64(0))
    static let iterations = Option("iterations", "K", "optimiser steps",
                                   .integer(0...maxIterations, limit: "each recorded step is kept in memory; about 1.2 ms per GEDI step"),
                                   defaultText: preset { String($0.iterations) })
    static let learningRate = Option("lr", "X", "Adam's learning rate", .number(above: 0, orEqual: false, upTo: 1),
                                     defaultText: preset { number($0.learningRate) })
    static let batch = Option("batch", "N", "data points per step",
                              .integer(2...maxBatch, limit: "the trainer holds about 6.4 KB per batch point"),
                              defaultText: preset { String($0.batchSize) })
    static let augmentation = Option("aug-std", "X", "standard deviation s of the augmentation x' = x + N(0, s^2)",
                                     .number(above: 0, orEqual: true, upTo: 100), defaultText: preset { number($0.augmentationStd) })
    // tau: the cosine logits are cos/tau in Float; below 1e-3 they exceed 1e3 and the softmax is
    // one-hot to Float precision (no gradient), above 1e3 all logits lie within 2e-3 of each other.
    static let tau = Option("tau", "X", "temperature of the cosine head", .number(above: 1e-3, orEqual: true, upTo: 1e3),
                            defaultText: preset { number($0.temperature) })
    static let sgldStep = Option("sgld-step", "X", "SGLD gradient step alpha", .number(above: 0, orEqual: true, upTo: 100),
                                 defaultText: preset { number($0.langevin.stepSize) })
    static let sgldNoise = Option("sgld-noise", "X", "SGLD noise sigma", .number(above: 0, orEqual: true, upTo: 100),
                                  defaultText: preset { number($0.langevin.noise) })
    static let sgldSteps = Option("sgld-steps", "K", "SGLD steps per training step",
                                  .integer(1...1_000, limit: "each step is a forward and backward pass over the samples"),
                                  defaultText: preset { String($0.langevin.steps) })
    static let weights = Option("weights", "G,I,P", "the weights lambda_GEN,lambda_INV,lambda_PRIOR",
                                .list(of: .number(above: 0, orEqual: true, upTo: 1e3), counts: 3...3, distinct: false, what: "numbers"),
                                defaultText: preset { w in [w.weights.generative, w.weights.invariance, w.weights.prior].map(number).joined(separator: ",") })
    static let testCount = Option("test-count", "N", "held-out points for the NMI and the diagnosis",
                                  .integer(2...maxTestCount, limit: "the evaluation holds about 2.2 KB per point and its time grows faster than linearly"),
                                  default: 2_000)
    static let recordEvery = Option("record-every", "K", "record the loss every K steps (and at the last; 0: never)",
                                    .integer(0...maxIterations), default: 100)
    static let dataProtocol = Option("protocol", "NAME",
                                     "where batches come from: fresh (a new batch from the law every step) or pool (batches of one training set drawn once)",
                                     .choice, default: DataProtocolName.fresh)
    static let poolSize = Option("pool-size", "N", "points of the training set of --protocol pool",
                                 .integer(2...maxTestCount, limit: "evaluated like the held-out set"), default: TrainingDataProtocol.defaultPoolSize)
    static let figures = Option("figures", "DIR", "write the run's figures (SVG) into DIR", .outputFolder, defaultText: "none")
    static let json = Flag("json", "print one JSON object (settings, NMI, diagnosis, loss history) instead of text")

    static let options: [any OptionDeclaration] = [
        method, dataset, seed, iterations, learningRate, batch, augmentation, tau, sgldStep, sgldNoise, sgldSteps, weights,
        testCount, dataProtocol, poolSize, recordEvery, figures, json,
    ]

    /// The files a run writes into the figure folder (the energy figure only for methods with a generative term).
    static func figurePaths(folder: String, method: MethodKind, dataset: ToyDataKind, seed: UInt64) -> [String] {
        let stem = "\(folder)/\(method)-\(dataset)-seed\(seed)"
        return [stem + "-clusters.svg", stem + "-energy.svg"]
    }

    /// The run the arguments describe: the method's preset with the given settings over it; throws
    /// ``CommandError/usage(_:)`` for a setting the trainer refuses. Checks the figure files too.
    static func experiment(_ arguments: Arguments) throws -> ToyExperiment {
        let method = arguments.value(Self.method), dataset = arguments.value(Self.dataset), seed = arguments.value(Self.seed)
        var config = ExperimentPresets.configuration(method, seed: seed)
        if let v = arguments.given(iterations) { config.iterations = v }
        if let v = arguments.given(learningRate) { config.learningRate = v }
        if let v = arguments.given(batch) { config.batchSize = v }
        if let v = arguments.given(augmentation) { config.augmentationStd = v }
        if let v = arguments.given(tau) { config.temperature = v }
        if let v = arguments.given(sgldStep) { config.langevin.stepSize = v }
        if let v = arguments.given(sgldNoise) { config.langevin.noise = v }
        if let v = arguments.given(sgldSteps) { config.langevin.steps = v }
        if let w = arguments.given(weights) { config.weights = GEDIObjective.Weights(generative: w[0], invariance: w[1], prior: w[2]) }
        config.recordEvery = arguments.value(recordEvery)
        do { try config.validate() } catch let error as TriadError { throw CommandError.usage(error.description) }
        let chosenProtocol: TrainingDataProtocol
        switch arguments.value(Self.dataProtocol) {
        case .fresh:
            if arguments.isGiven(poolSize) {
                throw CommandError.usage("--pool-size '\(arguments.texts["pool-size"]!)' applies only with --protocol pool")
            }
            chosenProtocol = .fresh
        case .pool:
            chosenProtocol = .pool(size: arguments.value(poolSize))
            do { try chosenProtocol.validate(batchSize: config.batchSize) } catch let error as TriadError {
                throw CommandError.usage(error.description)
            }
        }
        if let folder = arguments.given(figures) {
            try OutputPath.check(files: figurePaths(folder: folder, method: method, dataset: dataset, seed: seed), option: figures.name)
        }
        return ToyExperiment(configuration: config, dataset: dataset, testCount: arguments.value(testCount),
                             dataProtocol: chosenProtocol)
    }

    static func run(_ arguments: Arguments) throws -> Int32 {
        let experiment = try experiment(arguments)
        let config = experiment.configuration, method = config.method, dataset = experiment.dataset, seed = config.seed
        let testCount = experiment.testCount
        let figureDirectory = arguments.given(figures)
        let json = arguments.isSet(Self.json)

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
            let paths = figurePaths(folder: figureDirectory, method: method, dataset: dataset, seed: seed)
            try AtomicFile.write(figures.assignments, to: paths[0])
            written.append(paths[0])
            if let energy = figures.energy {
                try AtomicFile.write(energy, to: paths[1])
                written.append(paths[1])
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
                "test_count": testCount, "nmi": nmi, "protocol": experiment.dataProtocol.description,
                "pool_nmi": result.poolNMI.map { $0 as Any } ?? NSNull(),
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
            print("data protocol: \(experiment.dataProtocol)")
            print(String(format: "held-out NMI (%d points): %.4f", testCount, nmi))
            if let poolNMI = result.poolNMI {
                print(String(format: "training-pool NMI (%d points): %.4f", arguments.value(poolSize), poolNMI))
            }
            print("diagnosis: \(diagnosis)")
            for path in written { print("wrote \(path)") }
        }
        return 0
    }
}

/// The names `--protocol` accepts (``TrainingDataProtocol`` without its pool size, which `--pool-size` gives).
enum DataProtocolName: String, CaseIterable, Sendable {
    case fresh
    case pool
}
