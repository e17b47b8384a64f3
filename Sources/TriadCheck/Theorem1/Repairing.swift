import TriadCore

/// FM3 builders: datasets of within-group pairs and the re-pairings that an adversary applies.
public enum Repairing {
    /// A dataset of `count` within-group pairs drawn from the world's joint law, forced to contain
    /// at least one pair from each of two different groups (the world needs two groups).
    public static func twoGroupDataset(world: WorldRecipe, count: Int, using rng: inout TriadRandom) -> [PairedDataset.Pair] {
        var pairs = world.samplePairs(count: max(2, count), using: &rng)
        guard let groups = world.groups else { return pairs }
        let g0 = groups[pairs[0].x]
        if !pairs.contains(where: { groups[$0.x] != g0 }),
           let other = (0..<world.count).first(where: { groups[$0] != g0 && world.lawCounts[$0] > 0 }) {
            let view = (0..<world.count).first { world.kernelCounts[other][$0] > 0 }!
            pairs[pairs.count - 1] = PairedDataset.Pair(x: other, view: view)
        }
        return pairs
    }

    /// The permutation that swaps the views of the first pair and of the first pair whose `x` lies in
    /// another group: two pairs now compare points of different groups. `nil` without two groups.
    public static func swapAcrossGroups(_ pairs: [PairedDataset.Pair], groups: [Int]) -> [Int]? {
        guard let j = pairs.indices.first(where: { groups[pairs[$0].x] != groups[pairs[0].x] }) else { return nil }
        var pi = Array(pairs.indices)
        pi.swapAt(0, j)
        return pi
    }
}
