import Testing
@testable import triad

/// Every kind of bad command line is refused with exit status 2 and a message naming the option and
/// the offending value, before any work.
@Suite struct ArgumentsTests {
    /// A refused command line and words its message must contain.
    struct BadInput: Sendable, CustomTestStringConvertible {
        let words: [String]
        let fragments: [String]
        init(_ words: [String], _ fragments: [String]) {
            self.words = words
            self.fragments = fragments
        }
        var testDescription: String { shown(words) }
    }

    static let badInputs: [BadInput] = [
        // Unknown options and single-dash words.
        BadInput(["train", "--bogus", "1"], ["unknown option --bogus"]),
        BadInput(["train", "--seeds", "3"], ["unknown option --seeds", "did you mean --seed?"]),
        BadInput(["train", "-json"], ["'-json'", "two dashes", "--json"]),
        BadInput(["verify", "-seed", "3"], ["'-seed'", "--seed"]),
        // Positional words no command takes.
        BadInput(["train", "gedi", "circles"], ["unexpected argument 'gedi'", "--method gedi"]),
        BadInput(["train", "--dataset", "circles", "moons"], ["unexpected argument 'moons'", "--dataset moons"]),
        BadInput(["sweep", "extra"], ["unexpected argument 'extra'"]),
        BadInput(["verify", "--"], ["unexpected argument '--'"]),
        // Repeated options.
        BadInput(["train", "--seed", "1", "--seed", "2"], ["--seed", "twice", "'1'", "'2'"]),
        BadInput(["train", "--json", "--json"], ["--json", "twice"]),
        BadInput(["reproduce", "--out=a", "--out", "b"], ["--out", "twice", "'a'", "'b'"]),
        // A valued option missing its value or followed by another option.
        BadInput(["train", "--figures", "--json"], ["--figures", "needs a value", "--json"]),
        BadInput(["train", "--figures"], ["--figures", "needs a value"]),
        BadInput(["verify", "--seeds"], ["--seeds", "needs a value"]),
        // A flag given a value.
        BadInput(["train", "--json=1"], ["--json", "takes no value", "'1'"]),
        BadInput(["mutants", "--full=yes"], ["--full", "takes no value", "'yes'"]),
        // Empty and dash-led paths.
        BadInput(["train", "--figures", ""], ["invalid --figures = ''", "empty"]),
        BadInput(["train", "--figures="], ["invalid --figures = ''", "empty"]),
        BadInput(["reproduce", "--out", ""], ["invalid --out = ''", "empty"]),
        BadInput(["report", "--out", "-x"], ["invalid --out = '-x'", "starts with '-'"]),
        BadInput(["train", "--figures", "-json"], ["invalid --figures = '-json'", "starts with '-'"]),
        BadInput(["verify", "--proofs", "/nonexistent-triad-folder"], ["invalid --proofs = '/nonexistent-triad-folder'", "existing folder"]),
        // Malformed lists: wrong count, negative, NaN, infinite, empty entry, unknown or repeated entry.
        BadInput(["train", "--weights", "1,-1,2,3"], ["invalid --weights = '1,-1,2,3'", "got 4 entries", "entry 2 '-1'"]),
        BadInput(["train", "--weights", "1,nan,1,1"], ["invalid --weights = '1,nan,1,1'", "got 4 entries", "entry 2 'nan'"]),
        BadInput(["train", "--weights", "1,1,inf"], ["invalid --weights = '1,1,inf'", "entry 3 'inf'"]),
        BadInput(["train", "--weights", "1,,1"], ["invalid --weights = '1,,1'", "entry 2 ''"]),
        BadInput(["train", "--weights", "1,1"], ["invalid --weights = '1,1'", "got 2 entries"]),
        BadInput(["reproduce", "--methods", "gedi,foo,gedi"], ["invalid --methods", "entry 2 'foo'", "entry 3 'gedi' repeats"]),
        BadInput(["reproduce", "--seeds", "0,1,x"], ["invalid --seeds = '0,1,x'", "'x'"]),
        BadInput(["verify", "--seeds", "5..2"], ["invalid --seeds = '5..2'", "5 > 2"]),
        BadInput(["verify", "--seeds", "1,2,2"], ["invalid --seeds = '1,2,2'", "seed 2 is given twice"]),
        BadInput(["verify", "--seeds", "0..3,2"], ["seed 2 is given twice"]),
        BadInput(["verify", "--seeds", "1..2..3"], ["'1..2..3'", "not a seed or a range"]),
        BadInput(["verify", "--seeds", "0..0xffffffffffffffff"], ["invalid --seeds", "more than 100000 seeds"]),
        // Non-finite numbers anywhere.
        BadInput(["train", "--lr", "nan"], ["invalid --lr = 'nan'", "finite"]),
        BadInput(["train", "--tau", "-inf"], ["invalid --tau = '-inf'", "finite"]),
        BadInput(["train", "--sgld-noise", "infinity"], ["invalid --sgld-noise = 'infinity'", "finite"]),
        // Numbers out of range, including sizes that cannot be allocated (the limit is named).
        BadInput(["train", "--batch", "1e8"], ["invalid --batch = '1e8'", "2...100000"]),
        BadInput(["train", "--batch", "100000000"], ["invalid --batch = '100000000'", "2...100000"]),
        BadInput(["train", "--test-count", "1e11"], ["invalid --test-count = '1e11'", "2...200000"]),
        BadInput(["train", "--iterations", "1e12"], ["invalid --iterations = '1e12'", "0...1000000"]),
        BadInput(["train", "--batch", "1.5"], ["invalid --batch = '1.5'", "an integer"]),
        BadInput(["train", "--batch", "0x10"], ["invalid --batch = '0x10'", "an integer"]),
        BadInput(["train", "--iterations", "-1"], ["invalid --iterations = '-1'"]),
        BadInput(["train", "--lr=-1"], ["invalid --lr = '-1'", "> 0"]),
        BadInput(["train", "--aug-std", "-0.1"], ["invalid --aug-std = '-0.1'", ">= 0"]),
        BadInput(["train", "--tau", "0"], ["invalid --tau = '0'", ">= 0.001"]),
        BadInput(["train", "--sgld-steps", "0"], ["invalid --sgld-steps = '0'", "1...1000"]),
        BadInput(["train", "--method", "sgd"], ["invalid --method = 'sgd'", "one of gedi"]),
        BadInput(["train", "--seed", "-1"], ["invalid --seed = '-1'", "0x-hex UInt64"]),
        BadInput(["train", "--seed", "18446744073709551616"], ["invalid --seed = '18446744073709551616'"]),
        BadInput(["verify", "--cases", "0"], ["invalid --cases = '0'", "1...10000000"]),
        BadInput(["reproduce", "--workers", "0"], ["invalid --workers = '0'", "1...64"]),
        BadInput(["bench", "--repeats", "1e7"], ["invalid --repeats = '1e7'", "1...1000000"]),
        BadInput(["train", "--protocol", "batch"], ["invalid --protocol = 'batch'", "one of fresh, pool"]),
        BadInput(["train", "--pool-size", "500"], ["--pool-size '500'", "only with --protocol pool"]),
        BadInput(["train", "--protocol", "pool", "--pool-size", "100"], ["invalid pool size = 100", ">= the batch size 400"]),
        BadInput(["bench", "--isa", "avx3"], ["invalid --isa = 'avx3'", "one of avx512, avx2, portable"]),
        BadInput(["bench", "--training-iterations", "-1"], ["invalid --training-iterations = '-1'", "0...1000000"]),
        // Options that do not go together.
        BadInput(["verify", "--seed", "1", "--seeds", "1..2"], ["--seed '1'", "--seeds '1..2'"]),
        BadInput(["verify", "--workers", "2"], ["--workers '2'", "only with --seeds"]),
        // Commands.
        BadInput(["nonsense"], ["unknown command 'nonsense'"]),
        BadInput([], ["no command given"]),
        BadInput(["help", "train", "extra"], ["'extra'"]),
    ]

    @Test("a bad command line is refused with a message naming the option and the value", arguments: badInputs)
    func badInputIsRefused(_ input: BadInput) throws {
        let message = try refusal(input.words)
        #expect(message != nil, "\(shown(input.words)) was accepted")
        for fragment in input.fragments {
            #expect(message?.contains(fragment) == true, "\(shown(input.words)): '\(message ?? "")' lacks '\(fragment)'")
        }
    }

    @Test("a refused command line exits with status 2", arguments: [["train", "--weights", "1,-1,2,3"], ["verify", "-json"], ["nonsense"]])
    func refusalExitsWithTwo(_ words: [String]) {
        #expect(Triad.run(words) == 2, "\(shown(words))")
    }

    @Test("--help anywhere prints the command's help and exits 0")
    func helpAnywhere() throws {
        for words in [["train", "--help"], ["train", "--batch", "1e8", "-h"], ["help", "verify"]] {
            guard case .help = try Triad.invocation(words) else {
                Issue.record("\(shown(words)) is not a help request")
                continue
            }
        }
        #expect(Triad.run(["bench", "--help"]) == 0)
    }

    @Test("good values are read: inline and separate values, integers in scientific notation, lists")
    func goodValuesAreRead() throws {
        let train = try parsed(TrainCommand.self, ["--batch", "1e3", "--weights=0.5,1,0", "--dataset", "circles", "--json"])
        #expect(train.value(TrainCommand.batch) == 1_000)
        #expect(train.value(TrainCommand.weights) == [0.5, 1, 0])
        #expect(train.value(TrainCommand.dataset) == .circles)
        #expect(train.isSet(TrainCommand.json))
        #expect(train.given(TrainCommand.learningRate) == nil)
        #expect(train.value(TrainCommand.testCount) == 2_000, "the declared default")
        let experiment = try TrainCommand.experiment(train)
        #expect(experiment.configuration.batchSize == 1_000)
        #expect(experiment.configuration.weights.generative == 0.5 && experiment.configuration.weights.prior == 0)
        #expect(experiment.dataset == .circles)
        let reproduce = try parsed(ReproduceCommand.self, ["--methods", "gedi,jem", "--iterations", "10"])
        #expect(reproduce.value(ReproduceCommand.methods) == [.gedi, .jem])
        #expect(reproduce.given(ReproduceCommand.iterations) == 10)
        #expect(reproduce.value(ReproduceCommand.seeds) == Array(0..<20), "the declared default")
    }

    @Test("every command declares each option name once")
    func namesAreUnique() {
        for command in Triad.commands {
            let names = command.options.map(\.name)
            #expect(Set(names).count == names.count, "triad \(command.name) declares \(names)")
            #expect(!names.contains("help"), "triad \(command.name): --help is the parser's own")
        }
    }
}
