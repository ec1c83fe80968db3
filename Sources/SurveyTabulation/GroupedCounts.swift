import SurveyDefinition
@_spi(Parts) import SurveyResponses
import SurveyStatistics

/// One question's columns, looked up once.
struct QuestionColumns {
    let question: Question
    /// The question's coded column, and its values by type (one of them for a question with a column).
    let column: CodedColumn?
    let positions: ResponseColumn<UInt16>?
    let selections: ResponseColumn<UInt64>?
    let numbers: ResponseColumn<Double>?
    let texts: ResponseColumn<Bool>?
    let eligible: ResponseColumn<Bool>?
    /// Each respondent's weight, when the wave is weighted.
    let weights: ResponseColumn<Double>?
    /// With strata weights, each respondent's stratum (the strata question's choice position, 0 = 無回答).
    let strata: ResponseColumn<UInt16>?
    /// The number of strata positions (choices + 1 for 無回答), 1 without strata.
    let strataCount: Int
    /// With strata weights, each stratum position's one weight (`ResponseTable.stratumWeights`).
    let stratumWeights: [Double]?
    /// With weights, for a question with a number summary: the wave's respondents per stratum (empty otherwise).
    let strataSizes: [Int]
    /// Score of each choice position (0 = 無回答, no score).
    let scoreOfPosition: [Double?]
    let rowCount: Int
    /// A number question's classes (from its `bins` or its eligible answers); nil for other questions.
    private(set) var classes: NumberClasses?

    /// `strataSizes`: the wave's respondents per stratum when weighted (`ResponseTable.weightStrataSizes`).
    init(question: Question, responses: ResponseTable, strataSizes: [Int]) {
        self.question = question
        column = responses.columns[question.id]
        positions = column?.choices
        selections = column?.selections
        numbers = column?.numbers
        texts = column?.texts
        eligible = responses.eligibility[question.id]
        weights = responses.weights
        strata = responses.weightStrata?.column
        let strataCount = (responses.weightStrata?.choiceCount ?? 0) + 1
        self.strataCount = strataCount
        stratumWeights = strata == nil ? nil : responses.stratumWeights.flatMap { $0.count == strataCount ? $0 : nil }
        rowCount = responses.count
        self.strataSizes = weights != nil && Self.hasSummary(question) ? strataSizes : []
        let scores = Dictionary(question.scores.map { ($0.code, $0.score) }, uniquingKeysWith: { first, _ in first })
        scoreOfPosition = [nil] + question.choices.map { scores[$0.code] }
        if question.type == .number {
            let sweep = RowSweep(self, axis: nil, axisGroups: 0)
            let numbers = numbers
            classes = NumberClasses(question: question) { visit in
                guard let numbers else { return }
                sweep.over(numbers) { values, row, _ in if !values[row].isNaN { visit(values[row]) } }
            }
        }
    }

    /// Whether `question` is summarised as numbers (number questions; single and scale questions with scores).
    static func hasSummary(_ question: Question) -> Bool {
        question.type == .number || ([.single, .scale].contains(question.type) && !question.scores.isEmpty)
    }

    /// Where the question's own column is split into blocks (none when it has no column).
    var blockEnds: [Int] {
        column?.blockEnds ?? []
    }

    /// Whether the question has a number summary (numbers, and single/scale questions with scores).
    var hasSummary: Bool {
        switch question.type {
        case .number: return true
        case .single, .scale: return !question.scores.isEmpty && positions != nil
        default: return false
        }
    }
}

/// A question's answers counted for every group of a partition of the eligible respondents (everyone, or the
/// values of one axis) in one sweep over its column and the axis column: no row-index arrays.
///
/// `cells` holds `width` counts per group, at `group * width + slot`:
/// single/scale: slot = choice position (0 = 無回答); multiple: slot 0 = answered, slot 1 + p = choice p chosen;
/// number: slot = class of `bins` (0…bins.count); text: slot 0 = non-empty answers.
struct GroupedCounts {
    let groupCount: Int
    let width: Int
    var bases: [Int]
    var cells: [Int]
    /// Valid numbers (or scores) per group.
    var valid: [Int]
    /// Eligible respondents left out because their axis value is 無回答.
    var axisNonresponse = 0
    /// The number summary of each group, when the question has one.
    var summaries: [NumberSummary?]
    /// A number question's Kruskal–Wallis test across the axis's groups (nil without an axis or a test).
    var kruskalWallis: KruskalWallisTest?
    /// With weights: a number question's design-based Kruskal–Wallis test across the axis's groups.
    var designKruskalWallis: DesignKruskalWallisTest?
    /// With weights: per group, the weights summed as `bases` and `cells` count rows (nil unweighted).
    var weightedBases: [Double]?
    var weightedCells: [Double]?
    /// With weights, by an axis: the weights, squared weights and rows per stratum and slot, for design-based tests.
    var design: DesignCells?
    /// A number question's summary over every group and the axis's 無回答, when `countingAxisNonresponse` asked
    /// for it and the groups' summaries came from counts per value (nil otherwise).
    private var everyoneSummary: NumberSummary?
    /// With weights: everyone's weighted number figures (every swept group), for `total()`.
    private var everyoneWeighted: WeightedNumbers?

    /// Counts `columns` per value of `axis` (positions, 0 = 無回答, left out), or over everyone when `axis` is nil.
    ///
    /// With `countingAxisNonresponse`, the eligible rows whose axis value is 無回答 are counted too, as one more
    /// group after the `groupCount` axis values, so that `total()` can give everyone's counts without a sweep.
    init(_ columns: QuestionColumns, axis: ResponseColumn<UInt16>?, groupCount axisGroups: Int,
         countingAxisNonresponse: Bool = false) {
        let question = columns.question
        let countsNonresponse = countingAxisNonresponse && axis != nil
        let groupCount = axisGroups + (countsNonresponse ? 1 : 0)
        self.groupCount = groupCount
        let k = question.choices.count
        switch question.type {
        case .single, .scale, .multiple: width = k + 1
        case .number: width = (columns.classes?.limits.count ?? 0) + 1
        case .text: width = 1
        }
        summaries = [NumberSummary?](repeating: nil, count: groupCount)
        let width = self.width
        // The groups reported (the axis's values, or everyone): their summaries depend on their own rows only.
        let reportedGroups = axis == nil ? 1 : axisGroups
        // A number question's largest value when every value is a whole number 0…65535 (nil otherwise), in the
        // reported groups and in every group swept.
        var smallWholeNumbers = (reported: Double?.none, swept: Double?.none)
        // With an axis, its 無回答 is always counted, as the last group (no branch per row); dropped at the end
        // unless asked for.
        let sweep = RowSweep(columns, axis: axis, axisGroups: axisGroups)
        let sweptGroups = sweep.groupCount

        // With strata weights every respondent of a stratum weighs the same: one sweep counts each group split by
        // stratum (group g·strata + s), and both the counts and the weighted sums come from those counts.
        let stratumWeights = columns.stratumWeights
        let factor = stratumWeights == nil ? 1 : columns.strataCount
        let counting = sweep.stratified(factor)
        let countedGroups = counting.groupCount
        let reportedLimit = reportedGroups * factor

        // Counted into raw buffers: no uniqueness check per cell.
        let bases = UnsafeMutableBufferPointer<Int>.allocate(capacity: countedGroups)
        let cells = UnsafeMutableBufferPointer<Int>.allocate(capacity: countedGroups * width)
        let valid = UnsafeMutableBufferPointer<Int>.allocate(capacity: countedGroups)
        bases.initialize(repeating: 0)
        cells.initialize(repeating: 0)
        valid.initialize(repeating: 0)
        defer {
            bases.deallocate()
            cells.deallocate()
            valid.deallocate()
        }
        switch question.type {
        case .single, .scale:
            if let positions = columns.positions {
                // Every row counts in exactly one slot of its group (0 = 無回答): the bases are the groups' sums.
                counting.over(positions) { positions, row, g in cells[g &* width &+ Int(positions[row])] &+= 1 }
                for g in 0..<countedGroups {
                    bases[g] = cells[(g * width)..<((g + 1) * width)].reduce(0, &+)
                }
            } else {
                counting.groups { g in bases[g] &+= 1 }
            }
            if columns.hasSummary {
                for g in 0..<countedGroups {
                    for p in 1..<width where columns.scoreOfPosition[p] != nil { valid[g] += cells[g * width + p] }
                }
            }
        case .multiple:
            if let selections = columns.selections {
                Self.countSelections(selections, sweep: counting, choiceCount: k, bases: bases, cells: cells, width: width)
            } else {
                counting.groups { g in bases[g] &+= 1 }
            }
        case .number:
            let limits = columns.classes?.limits ?? []
            if let numbers = columns.numbers {
                var largest = (reported: 0.0, swept: 0.0)
                var small = (reported: true, swept: true)
                counting.over(numbers) { numbers, row, g in
                    bases[g] &+= 1
                    let value = numbers[row]
                    if !value.isNaN {
                        valid[g] &+= 1
                        cells[g &* width &+ ClassLimits.classIndex(of: value, limits: limits)] &+= 1
                        if value >= 0, value <= 65_535, value == value.rounded(.down), value.sign == .plus {
                            largest.swept = Swift.max(largest.swept, value)
                            if g < reportedLimit { largest.reported = Swift.max(largest.reported, value) }
                        } else {
                            small.swept = false
                            if g < reportedLimit { small.reported = false }
                        }
                    }
                }
                smallWholeNumbers = (small.reported ? largest.reported : nil, small.swept ? largest.swept : nil)
            } else {
                counting.groups { g in bases[g] &+= 1 }
            }
        case .text:
            if let texts = columns.texts {
                counting.over(texts) { texts, row, g in
                    bases[g] &+= 1
                    if texts[row] { cells[g] &+= 1 }
                }
            } else {
                counting.groups { g in bases[g] &+= 1 }
            }
        }
        // Per swept group (the strata summed).
        let byStratum = StratumCounts(groups: sweptGroups, strata: factor, width: width,
                                      bases: UnsafeBufferPointer(bases), cells: UnsafeBufferPointer(cells), valid: UnsafeBufferPointer(valid))
        let swept = byStratum.folded()
        axisNonresponse = axis == nil ? 0 : swept.bases[axisGroups]
        if let weights = columns.weights {
            let tested = sweep.axis != nil && [.single, .scale, .multiple].contains(question.type)
            let weighted = stratumWeights.map { byStratum.weighted($0, tested: tested) }
                ?? Self.weightedCounts(columns, weights: weights, sweep: sweep, width: width)
            weightedBases = Array(weighted.bases.prefix(groupCount))
            weightedCells = Array(weighted.cells.prefix(groupCount * width))
            design = weighted.design
        }
        // The swept groups, less the axis's 無回答 unless it is counted.
        self.bases = Array(swept.bases.prefix(groupCount))
        self.cells = Array(swept.cells.prefix(groupCount * width))
        self.valid = Array(swept.valid.prefix(groupCount))
        if columns.hasSummary {
            // The reported groups' summaries from their rows alone (the axis's 無回答 makes none of its own: the
            // total's is `everyoneSummary`, or a sweep of its own).
            let reported = Self.summaries(
                columns, bases: Array(swept.bases.prefix(reportedGroups)), cells: Array(swept.cells.prefix(reportedGroups * width)),
                valid: Array(swept.valid.prefix(reportedGroups)), width: width, sweep: sweep,
                smallWholeNumbers: smallWholeNumbers.reported, ranksGroups: axis != nil,
                everyone: countsNonresponse ? smallWholeNumbers.swept.map { largest in
                    (largest: largest, base: self.bases.reduce(0, +), valid: self.valid.reduce(0, +))
                } : nil)
            summaries = reported.groups + [NumberSummary?](repeating: nil, count: groupCount - reportedGroups)
            everyoneSummary = reported.everyone
            kruskalWallis = reported.kruskalWallis
            if let weights = columns.weights {
                let weighted = stratumWeights.flatMap { stratumWeights in
                    Self.weightedNumbers(columns, counts: byStratum, stratumWeights: stratumWeights, sweep: sweep,
                                         largest: smallWholeNumbers.swept, withEveryone: countsNonresponse)
                } ?? Self.weightedNumbers(columns, weights: weights, sweep: sweep, withEveryone: countsNonresponse)
                for g in 0..<reportedGroups { summaries[g]?.weighted = weighted.groups[g] }
                everyoneWeighted = weighted.everyone
                designKruskalWallis = weighted.kruskalWallis
            }
        }
    }

    /// Counts a multiple question's rows per group (`bases`), its answering rows (slot 0 of each group's `width`
    /// cells) and each choice's (slot 1 + p).
    ///
    /// The choices are counted in byte lanes, eight to a `UInt64` (`byteLanes` spreads a byte of the bit set over
    /// them), with no branch per chosen answer; a group's lanes go to its cells every 255 of its rows, before one
    /// can overflow. (Looping over the set bits mispredicted about once a row.)
    private static func countSelections(_ selections: ResponseColumn<UInt64>, sweep: RowSweep, choiceCount k: Int,
                                        bases: UnsafeMutableBufferPointer<Int>, cells: UnsafeMutableBufferPointer<Int>,
                                        width: Int) {
        let groups = sweep.groupCount
        let chunks = (k + 7) / 8
        let mask: UInt64 = k >= 64 ? ~0 : (1 << UInt64(k)) &- 1
        let lanes = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: max(groups * chunks, 1))
        let pending = UnsafeMutableBufferPointer<Int>.allocate(capacity: groups)
        lanes.initialize(repeating: 0)
        pending.initialize(repeating: 0)
        defer {
            lanes.deallocate()
            pending.deallocate()
        }
        func flush(_ g: Int) {
            for chunk in 0..<chunks {
                let lane = lanes[g * chunks + chunk]
                for byte in 0..<min(8, k - chunk * 8) {
                    cells[g * width + 1 + chunk * 8 + byte] += Int((lane >> UInt64(8 * byte)) & 0xFF)
                }
                lanes[g * chunks + chunk] = 0
            }
            pending[g] = 0
        }
        byteLanes.withUnsafeBufferPointer { spread in
            sweep.over(selections) { selections, row, g in
                bases[g] &+= 1
                var bits = selections[row] & mask
                cells[g &* width] &+= bits != 0 ? 1 : 0
                var lane = g &* chunks
                let end = lane &+ chunks
                while lane < end {
                    lanes[lane] &+= spread[Int(truncatingIfNeeded: bits & 0xFF)]
                    bits >>= 8
                    lane &+= 1
                }
                pending[g] &+= 1
                if pending[g] == 255 { flush(g) }
            }
        }
        for g in 0..<groups { flush(g) }
    }

    /// The weights of each group's rows summed into the slots where the unweighted sweep adds 1 (same layout as
    /// `bases` and `cells`, every swept group): a second sweep, made only when the wave is weighted.
    ///
    /// By an axis, single, scale and multiple questions also get `DesignCells` for their design-based tests.
    private static func weightedCounts(_ columns: QuestionColumns, weights: ResponseColumn<Double>, sweep: RowSweep,
                                       width: Int) -> (bases: [Double], cells: [Double], design: DesignCells?) {
        let groups = sweep.groupCount
        var bases = [Double](repeating: 0, count: groups)
        var cells = [Double](repeating: 0, count: groups * width)
        let tested = sweep.axis != nil && [.single, .scale, .multiple].contains(columns.question.type)
        var design = DesignCells(strata: tested ? columns.strataCount : 0, groups: groups, width: width)
        bases.withUnsafeMutableBufferPointer { bases in
            cells.withUnsafeMutableBufferPointer { cells in
                switch columns.question.type {
                case .single, .scale:
                    if let positions = columns.positions {
                        if tested {
                            design.adding { design in
                                sweep.over(positions, weights: weights) { positions, w, row, g, s in
                                    bases[g] += w[row]
                                    cells[g &* width &+ Int(positions[row])] += w[row]
                                    design.add(w[row], stratum: s, slot: g &* width &+ Int(positions[row]))
                                }
                            }
                        } else {
                            sweep.over(positions, weights: weights) { positions, w, row, g, _ in
                                bases[g] += w[row]
                                cells[g &* width &+ Int(positions[row])] += w[row]
                            }
                        }
                    } else {
                        sweep.over(nil as ResponseColumn<UInt8>?, weights: weights) { _, w, row, g, _ in bases[g] += w[row] }
                    }
                case .multiple:
                    let k = columns.question.choices.count
                    let mask: UInt64 = k >= 64 ? ~0 : (1 << UInt64(k)) &- 1
                    if let selections = columns.selections {
                        design.adding { design in
                            sweep.over(selections, weights: weights) { selections, w, row, g, s in
                                let weight = w[row]
                                bases[g] += weight
                                var bits = selections[row] & mask
                                if bits != 0 {
                                    cells[g &* width] += weight
                                    if tested { design.add(weight, stratum: s, slot: g &* width) }
                                }
                                while bits != 0 {
                                    cells[g &* width &+ 1 &+ bits.trailingZeroBitCount] += weight
                                    if tested { design.add(weight, stratum: s, slot: g &* width &+ 1 &+ bits.trailingZeroBitCount) }
                                    bits &= bits &- 1
                                }
                            }
                        }
                    } else {
                        sweep.over(nil as ResponseColumn<UInt8>?, weights: weights) { _, w, row, g, _ in bases[g] += w[row] }
                    }
                case .number:
                    let limits = columns.classes?.limits ?? []
                    if let numbers = columns.numbers {
                        sweep.over(numbers, weights: weights) { numbers, w, row, g, _ in
                            bases[g] += w[row]
                            let value = numbers[row]
                            guard !value.isNaN else { return }
                            cells[g &* width &+ ClassLimits.classIndex(of: value, limits: limits)] += w[row]
                        }
                    } else {
                        sweep.over(nil as ResponseColumn<UInt8>?, weights: weights) { _, w, row, g, _ in bases[g] += w[row] }
                    }
                case .text:
                    if let texts = columns.texts {
                        sweep.over(texts, weights: weights) { texts, w, row, g, _ in
                            bases[g] += w[row]
                            if texts[row] { cells[g] += w[row] }
                        }
                    } else {
                        sweep.over(nil as ResponseColumn<UInt8>?, weights: weights) { _, w, row, g, _ in bases[g] += w[row] }
                    }
                }
            }
        }
        return (bases, cells, tested ? design : nil)
    }

    /// The weighted counts of group `g` as `FrequencyTable` takes them (nil unweighted), laid out as `table(g)`.
    func weighted(_ g: Int, question: Question, classes: NumberClasses?) -> (base: Double, counts: [Double], answered: Double)? {
        guard let bases = weightedBases, let cells = weightedCells else { return nil }
        let slots = cells[(g * width)..<((g + 1) * width)]
        switch question.type {
        case .single, .scale:
            let counts = Array(slots.dropFirst())
            return (bases[g], counts, counts.reduce(0, +))
        case .multiple:
            return (bases[g], Array(slots.dropFirst()), slots[slots.startIndex])
        case .number:
            let counts = Array(slots.prefix(classes?.labels.count ?? 0))
            return (bases[g], counts, slots.reduce(0, +))
        case .text:
            return (bases[g], [], slots[slots.startIndex])
        }
    }

    /// For each byte value, a `UInt64` with byte i set to 1 where bit i of the byte is.
    private static let byteLanes: [UInt64] = (0..<256).map { (byte: Int) -> UInt64 in
        var lanes: UInt64 = 0
        for bit in 0..<8 where byte & (1 << bit) != 0 { lanes |= 1 << UInt64(8 * bit) }
        return lanes
    }

    /// Number summaries per group: the valid values gathered per group in row order (one counting pass, one
    /// scatter pass), each group's values sorted by counting where they are small integers or scores.
    ///
    /// Small whole numbers are gathered as `UInt16` and scores as their choice positions, two bytes a value,
    /// and read back as `Double` on the fly: the sums run over the same values in the same order.
    ///
    /// `bases`, `cells` and `valid` are the groups summarised (the sweep's rows of any later group are left out).
    /// `smallWholeNumbers` is a number question's largest value in them when all are whole numbers 0…65535 (found
    /// in the first sweep). `everyone` (every row swept, all small whole numbers up to `largest`) asks for their
    /// summary too, counted per value in the same sweep when the groups' are; it is nil otherwise.
    /// `ranksGroups` asks for a number question's Kruskal–Wallis test across the groups, from the same values.
    private static func summaries(_ columns: QuestionColumns, bases: [Int], cells: [Int], valid: [Int], width: Int,
                                  sweep: RowSweep, smallWholeNumbers: Double?, ranksGroups: Bool,
                                  everyone: (largest: Double, base: Int, valid: Int)?)
        -> (groups: [NumberSummary?], everyone: NumberSummary?, kruskalWallis: KruskalWallisTest?) {
        let groupCount = bases.count
        var offsets = [Int](repeating: 0, count: groupCount + 1)
        for g in 0..<groupCount { offsets[g + 1] = offsets[g] + valid[g] }
        let total = offsets[groupCount]
        var next = offsets
        if columns.question.type == .number {
            guard let numbers = columns.numbers else { return (bases.map { summary([], sorted: .array([]), base: $0) }, nil, nil) }
            let small = smallWholeNumbers != nil
            let largest = smallWholeNumbers ?? 0
            let range = Int(largest) + 1
            if small, countsPerValue(groups: groupCount, range: range, values: total) {
                // Small whole numbers: counted per group and value in one sweep; each summary from its frequency table.
                let histogram = UnsafeMutableBufferPointer<Int>.allocate(capacity: groupCount * range)
                histogram.initialize(repeating: 0)
                defer { histogram.deallocate() }
                // Everyone's counts per value, when an everyone-sweep would count them too (its own test, on all rows).
                let everyoneRange = everyone.map { Int($0.largest) + 1 } ?? 0
                let countsEveryone = everyone.map { countsPerValue(groups: 1, range: everyoneRange, values: $0.valid) } ?? false
                let everyoneHistogram = UnsafeMutableBufferPointer<Int>.allocate(capacity: countsEveryone ? everyoneRange : 0)
                everyoneHistogram.initialize(repeating: 0)
                defer { everyoneHistogram.deallocate() }
                sweep.over(numbers) { numbers, row, g in
                    let value = numbers[row]
                    if !value.isNaN {
                        if g < groupCount { histogram[g &* range &+ Int(value)] &+= 1 }
                        if countsEveryone { everyoneHistogram[Int(value)] &+= 1 }
                    }
                }
                let groups = (0..<groupCount).map { g in
                    summary(frequencies: (0..<range).map { (value: Double($0), count: histogram[g * range + $0]) }, base: bases[g])
                }
                let kruskalWallis = ranksGroups ? KruskalWallisTest(
                    countsPerValue: (0..<groupCount).map { g in Array(histogram[(g * range)..<((g + 1) * range)]) },
                    values: (0..<range).map(Double.init)) : nil
                guard countsEveryone, let everyone else { return (groups, nil, kruskalWallis) }
                let everyoneCounts = (0..<everyoneRange).map { (value: Double($0), count: everyoneHistogram[$0]) }
                return (groups, summary(frequencies: everyoneCounts, base: everyone.base), kruskalWallis)
            }
            if small, Int(largest) <= Swift.max(4_096, total) {
                var compact = [UInt16](repeating: 0, count: total)
                sweep.over(numbers) { numbers, row, g in
                    let value = numbers[row]
                    if g < groupCount, !value.isNaN {
                        compact[next[g]] = UInt16(value)
                        next[g] &+= 1
                    }
                }
                let histograms = (0..<groupCount).map { g in
                    var histogram = [Int](repeating: 0, count: range)
                    for value in compact[offsets[g]..<offsets[g + 1]] { histogram[Int(value)] += 1 }
                    return histogram
                }
                return ((0..<groupCount).map { g in
                    let mine = compact[offsets[g]..<offsets[g + 1]]
                    let runs = AscendingValues(runs: histograms[g].enumerated().map { (Double($0.offset), $0.element) })
                    return summary(mine.lazy.map(Double.init), sorted: runs, base: bases[g])
                }, nil, ranksGroups ? KruskalWallisTest(countsPerValue: histograms, values: (0..<range).map(Double.init)) : nil)
            }
            var values = [Double](repeating: 0, count: total)
            sweep.over(numbers) { numbers, row, g in
                let value = numbers[row]
                if g < groupCount, !value.isNaN {
                    values[next[g]] = value
                    next[g] &+= 1
                }
            }
            let groups = (0..<groupCount).map { g in Array(values[offsets[g]..<offsets[g + 1]]) }
            return (groups.enumerated().map { g, mine in summary(mine, sorted: .array(mine.sorted()), base: bases[g]) },
                    nil, ranksGroups ? KruskalWallisTest(groups: groups) : nil)
        }
        guard let positions = columns.positions else { return (bases.map { summary([], sorted: .array([]), base: $0) }, nil, nil) }
        let scoreOfPosition = columns.scoreOfPosition
        if let summaries = scoreSummaries(columns, bases: bases, cells: cells, width: width) { return (summaries, nil, nil) }
        var scored = [UInt16](repeating: 0, count: total)
        sweep.over(positions) { positions, row, g in
            let position = positions[row]
            if g < groupCount, scoreOfPosition[Int(position)] != nil {
                scored[next[g]] = position
                next[g] &+= 1
            }
        }
        let scores: [Double] = scoreOfPosition.map { $0 ?? .nan }
        return ((0..<groupCount).map { g in
            let mine = scored[offsets[g]..<offsets[g + 1]].lazy.map { scores[Int($0)] }
            return summary(mine, sorted: .array(Array(mine).sorted()), base: bases[g])
        }, nil, nil)
    }

    /// Whether small whole numbers below `range` in `groups` groups (`values` in all) are counted per group and
    /// value rather than gathered: when that table is no larger than 65,536 counts or the values themselves. The
    /// same rule for a cross-tab's groups and for everyone, so that everyone's counts kept beside the groups' give
    /// the summary an everyone-sweep gives.
    private static func countsPerValue(groups: Int, range: Int, values: Int) -> Bool {
        groups * range <= Swift.max(65_536, values)
    }

    /// Each group's summary of scores from its counts per choice (a frequency table), no values gathered; nil when
    /// a score is NaN or −0 (those are gathered and sorted as written out, as Quantile.type7 expects).
    private static func scoreSummaries(_ columns: QuestionColumns, bases: [Int], cells: [Int], width: Int) -> [NumberSummary?]? {
        let scoredPositions: [(position: Int, score: Double)] = (1..<width).compactMap { p in
            columns.scoreOfPosition[p].map { (position: p, score: $0) }
        }
        guard !scoredPositions.contains(where: { $0.score.isNaN || ($0.score == 0 && $0.score.sign == .minus) }) else { return nil }
        let order = scoredPositions.sorted { $0.score < $1.score || ($0.score == $1.score && $0.position < $1.position) }
        return bases.indices.map { g in
            let table = order.map { (value: $0.score, count: cells[g * width + $0.position]) }
            return summary(frequencies: table, base: bases[g])
        }
    }

    /// The summary of a group's scores or small whole numbers given as a frequency table in ascending order of
    /// value (no NaN):
    /// `Moments(frequencies:)`, and the five numbers from runs of equal values.
    static func summary(frequencies table: [(value: Double, count: Int)], base: Int) -> NumberSummary {
        summary(n: table.reduce(0) { $0 + $1.count }, base: base, moments: Moments(frequencies: table),
                sorted: AscendingValues(runs: table))
    }

    /// The summary of `values` (row order) given the same values ascending; as `Moments` and `FiveNumberSummary`.
    static func summary<Values: Collection>(_ values: Values, sorted: AscendingValues, base: Int) -> NumberSummary
        where Values.Element == Double {
        summary(n: values.count, base: base, moments: Moments(values),
                sorted: values.contains(where: \.isNaN) ? nil : sorted)
    }

    /// A summary of `n` values out of `base` respondents with their moments, and the five numbers of `sorted`
    /// (none when nil: values with NaN have no order).
    private static func summary(n: Int, base: Int, moments: Moments?, sorted: AscendingValues?) -> NumberSummary {
        var five: (min: Double, q1: Double, median: Double, q3: Double, max: Double)?
        if let sorted, let first = sorted.first, let last = sorted.last,
           let q1 = sorted.quantile(0.25), let median = sorted.quantile(0.5), let q3 = sorted.quantile(0.75) {
            five = (first, q1, median, q3, last)
        }
        return NumberSummary(n: n, missing: base - n, mean: moments?.mean, standardDeviation: moments?.standardDeviation,
                             min: five?.min, q1: five?.q1, median: five?.median, q3: five?.q3, max: five?.max)
    }

    /// Everyone's counts (one group) as the sum of all groups, when they include the axis's 無回答
    /// (`countingAxisNonresponse`); nil when a summary needs the values themselves (numbers other than small whole
    /// numbers, unusual scores).
    func total(_ columns: QuestionColumns) -> GroupedCounts? {
        let bases = [self.bases.reduce(0, +)]
        let cells = (0..<width).map { slot in stride(from: slot, to: self.cells.count, by: width).reduce(0) { $0 + self.cells[$1] } }
        var summaries: [NumberSummary?] = [nil]
        if columns.question.type == .number {
            guard let everyoneSummary else { return nil }
            summaries = [everyoneSummary]
        } else if columns.hasSummary {
            guard let scored = Self.scoreSummaries(columns, bases: bases, cells: cells, width: width) else { return nil }
            summaries = scored
        }
        if columns.hasSummary { summaries[0]?.weighted = everyoneWeighted }
        var total = GroupedCounts(groupCount: 1, width: width, bases: bases, cells: cells, valid: [valid.reduce(0, +)],
                                  axisNonresponse: 0, summaries: summaries)
        if let weightedBases, let weightedCells {
            total.weightedBases = [weightedBases.reduce(0, +)]
            total.weightedCells = (0..<width).map { slot in stride(from: slot, to: weightedCells.count, by: width).reduce(0) { $0 + weightedCells[$1] } }
        }
        return total
    }

    private init(groupCount: Int, width: Int, bases: [Int], cells: [Int], valid: [Int], axisNonresponse: Int,
                 summaries: [NumberSummary?]) {
        self.groupCount = groupCount
        self.width = width
        self.bases = bases
        self.cells = cells
        self.valid = valid
        self.axisNonresponse = axisNonresponse
        self.summaries = summaries
    }

    /// Valid answers per choice position of group `g` (無回答 excluded), for single and scale questions.
    func choiceCounts(_ g: Int) -> [Int] {
        Array(cells[(g * width + 1)..<((g + 1) * width)])
    }

    /// Respondents of group `g` who chose at least one answer of a multiple question.
    func answered(_ g: Int) -> Int { cells[g * width] }

    /// Respondents of group `g` who chose the choice at `position` of a multiple question.
    func chosen(_ g: Int, position: Int) -> Int { cells[g * width + 1 + position] }

    /// The frequency table of group `g` (a number question's classes are `classes`).
    func table(_ g: Int, question: Question, classes: NumberClasses?) -> FrequencyTable {
        let weighted = weighted(g, question: question, classes: classes)
        switch question.type {
        case .single, .scale:
            let counts = choiceCounts(g)
            return FrequencyTable(question: question, base: bases[g], counts: counts, answered: counts.reduce(0, +), weighted: weighted)
        case .multiple:
            let counts = question.choices.indices.map { chosen(g, position: $0) }
            return FrequencyTable(question: question, base: bases[g], counts: counts, answered: answered(g), weighted: weighted)
        case .number:
            let counts = (classes?.labels ?? []).indices.map { cells[g * width + $0] }
            return FrequencyTable(question: question, base: bases[g], counts: counts, answered: valid[g],
                                  classLabels: classes?.labels ?? [], weighted: weighted)
        case .text:
            return FrequencyTable(question: question, base: bases[g], counts: [], answered: cells[g], weighted: weighted)
        }
    }
}

/// Per stratum, group and slot (the layout of `GroupedCounts.cells`): Σw, Σw² and rows, what the Rao–Scott test
/// needs of a cross-tabulation.
///
/// Summed row by row (`adding`), or with strata weights made from rows alone (`init(counts:weights:)`): then
/// Σw = rows·w_s and Σw² = rows·w_s².
struct DesignCells {
    let strata: Int
    let groups: Int
    let width: Int
    var sums: [Double]
    var squares: [Double]
    var rows: [Int]
    /// With strata weights, each stratum's one weight (`sums` and `squares` are then empty); nil otherwise.
    private(set) var stratumWeights: [Double]?

    init(strata: Int, groups: Int, width: Int) {
        (self.strata, self.groups, self.width) = (strata, groups, width)
        sums = [Double](repeating: 0, count: strata * groups * width)
        squares = sums
        rows = [Int](repeating: 0, count: strata * groups * width)
    }

    /// The cells of a stratified sweep's counts whose strata each weigh one weight, `weights[s]`.
    init(counts: StratumCounts, weights: [Double]) {
        (strata, groups, width) = (counts.strata, counts.groups, counts.width)
        (sums, squares) = ([], [])
        rows = [Int](repeating: 0, count: strata * groups * width)
        for s in 0..<strata {
            for g in 0..<groups {
                for slot in 0..<width { rows[(s * groups + g) * width + slot] = counts.count(g, s, slot) }
            }
        }
        stratumWeights = weights
    }

    /// Calls `body` with an `Adder` writing into these cells (through pointers: no uniqueness check per row).
    @inline(__always)
    mutating func adding<R>(_ body: (Adder) -> R) -> R {
        let stride = groups &* width
        return sums.withUnsafeMutableBufferPointer { sums in
            squares.withUnsafeMutableBufferPointer { squares in
                rows.withUnsafeMutableBufferPointer { rows in
                    body(Adder(stride: stride, sums: sums, squares: squares, rows: rows))
                }
            }
        }
    }

    /// Adds one row's weight to a stratum's slot; valid only inside `adding`.
    struct Adder {
        let stride: Int
        let sums: UnsafeMutableBufferPointer<Double>
        let squares: UnsafeMutableBufferPointer<Double>
        let rows: UnsafeMutableBufferPointer<Int>

        @inline(__always)
        func add(_ weight: Double, stratum: Int, slot: Int) {
            let index = stratum &* stride &+ slot
            sums[index] += weight
            squares[index] += weight * weight
            rows[index] &+= 1
        }
    }

    /// (Σw, Σw², rows) of stratum `s`, group `g`, slot `slot`.
    func cell(_ s: Int, _ g: Int, _ slot: Int) -> (sum: Double, square: Double, rows: Int) {
        let index = (s * groups + g) * width + slot
        if let w = stratumWeights?[s] { return (Double(rows[index]) * w, Double(rows[index]) * w * w, rows[index]) }
        return (sums[index], squares[index], rows[index])
    }

    /// (Σw, Σw², rows) of stratum `s`, group `g`, over `slots` (a negative slot −k subtracts slot k, e.g. the
    /// respondents who answered less those choosing); sums below 0 from rounding are 0.
    func cells(_ s: Int, _ g: Int, _ slots: [Int]) -> (sum: Double, square: Double, rows: Int) {
        if let w = stratumWeights?[s] {
            // Whole rows added and taken away exactly, then weighed.
            let rows = slots.reduce(0) { $0 + ($1 < 0 ? -self.rows[(s * groups + g) * width - $1] : self.rows[(s * groups + g) * width + $1]) }
            let kept = Swift.max(rows, 0)
            return (Double(kept) * w, Double(kept) * w * w, kept)
        }
        var sum = 0.0, square = 0.0, rows = 0
        for slot in slots {
            let cell = cell(s, g, abs(slot))
            if slot < 0 {
                (sum, square, rows) = (sum - cell.sum, square - cell.square, rows - cell.rows)
            } else {
                (sum, square, rows) = (sum + cell.sum, square + cell.square, rows + cell.rows)
            }
        }
        return (Swift.max(sum, 0), Swift.max(square, 0), rows)
    }
}

/// The eligible rows of a question, each with its group: the axis value's index, or `axisGroups` for the axis's
/// 無回答 (one group more than the axis has values); group 0 without an axis. Rows are read block by block
/// through pointers, in row order.
struct RowSweep {
    let runs: [Range<Int>]
    let axis: ResponseColumn<UInt16>?
    let eligible: ResponseColumn<Bool>?
    /// With strata weights, each row's stratum (read by the weighted sweep only).
    let strata: ResponseColumn<UInt16>?
    /// The axis's values (its 無回答 is group `axisGroups`).
    let axisGroups: Int
    /// 1, or for a sweep `stratified(_:)` the strata positions each group is split into.
    let strataFactor: Int

    /// The rows of `columns` by `axis` (nil: everyone, one group).
    init(_ columns: QuestionColumns, axis: ResponseColumn<UInt16>?, axisGroups: Int) {
        self.axis = axis
        eligible = columns.eligible
        strata = columns.strata
        self.axisGroups = axisGroups
        strataFactor = 1
        runs = RowRuns.common(rowCount: columns.rowCount,
                              blockEnds: [columns.blockEnds, axis?.blockEnds ?? [], columns.eligible?.blockEnds ?? [],
                                          columns.weights?.blockEnds ?? [], columns.strata?.blockEnds ?? []])
    }

    private init(_ sweep: RowSweep, strataFactor: Int) {
        (runs, axis, eligible, strata, axisGroups) = (sweep.runs, sweep.axis, sweep.eligible, sweep.strata, sweep.axisGroups)
        self.strataFactor = strataFactor
    }

    /// The same rows, each group split by stratum: `over(_:_:)` gives a row of group g in stratum s the group
    /// g·strata + s (`strata`: the strata positions, every value of the strata column below it). Without a strata
    /// column, this sweep.
    func stratified(_ strata: Int) -> RowSweep {
        self.strata == nil ? self : RowSweep(self, strataFactor: strata)
    }

    /// How many groups rows fall in: the axis's values and its 無回答, or one (times `strataFactor`).
    var groupCount: Int { (axis == nil ? 1 : axisGroups + 1) * strataFactor }

    /// Calls `body(group)` for every row.
    @inline(__always)
    func groups(_ body: (Int) -> Void) {
        over(nil as ResponseColumn<UInt8>?) { _, _, g in body(g) }
    }

    /// Calls `body(values, row, group)` for every row, `values[row]` being its value in `column` (`values` are
    /// the values of the row's run; empty when `column` is nil).
    @inline(__always)
    func over<T>(_ column: ResponseColumn<T>?, _ body: (UnsafeBufferPointer<T>, Int, Int) -> Void) {
        if strataFactor > 1 { return overStrata(column, body) }
        let nonresponse = axisGroups
        let hasAxis = axis != nil
        let hasEligibility = eligible != nil
        for run in runs {
            Self.withValues(of: column, in: run) { values in
                Self.withValues(of: axis, in: run) { axis in
                    Self.withValues(of: eligible, in: run) { eligible in
                        let count = run.count
                        if hasAxis {
                            if hasEligibility {
                                for row in 0..<count where eligible[row] {
                                    let value = Int(axis[row])
                                    body(values, row, value == 0 ? nonresponse : value &- 1)
                                }
                            } else {
                                for row in 0..<count {
                                    let value = Int(axis[row])
                                    body(values, row, value == 0 ? nonresponse : value &- 1)
                                }
                            }
                        } else if hasEligibility {
                            for row in 0..<count where eligible[row] { body(values, row, 0) }
                        } else {
                            for row in 0..<count { body(values, row, 0) }
                        }
                    }
                }
            }
        }
    }

    /// `over(_:_:)` of a stratified sweep: group g·strataFactor + the row's stratum.
    @inline(__always)
    private func overStrata<T>(_ column: ResponseColumn<T>?, _ body: (UnsafeBufferPointer<T>, Int, Int) -> Void) {
        let nonresponse = axisGroups
        let factor = strataFactor
        for run in runs {
            Self.withValues(of: column, in: run) { values in
                Self.withValues(of: axis, in: run) { axis in
                    Self.withValues(of: eligible, in: run) { eligible in
                        Self.withValues(of: strata, in: run) { strata in
                            let count = run.count
                            if axis.isEmpty {
                                for row in 0..<count where eligible.isEmpty || eligible[row] { body(values, row, Int(strata[row])) }
                            } else {
                                for row in 0..<count where eligible.isEmpty || eligible[row] {
                                    let value = Int(axis[row])
                                    body(values, row, (value == 0 ? nonresponse : value &- 1) &* factor &+ Int(strata[row]))
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// As `over(_:_:)`, with each row's weight and stratum: `body(values, weights, row, group, stratum)`,
    /// `weights[row]` the row's weight, `stratum` its strata position (0 without strata).
    @inline(__always)
    func over<T>(_ column: ResponseColumn<T>?, weights: ResponseColumn<Double>,
                 _ body: (UnsafeBufferPointer<T>, UnsafeBufferPointer<Double>, Int, Int, Int) -> Void) {
        let nonresponse = axisGroups
        for run in runs {
            Self.withValues(of: column, in: run) { values in
                Self.withValues(of: axis, in: run) { axis in
                    Self.withValues(of: eligible, in: run) { eligible in
                        Self.withValues(of: strata, in: run) { strata in
                            weights.withValues(in: run) { w in
                                for row in 0..<run.count where eligible.isEmpty || eligible[row] {
                                    let group = axis.isEmpty ? 0 : Int(axis[row])
                                    body(values, w, row, axis.isEmpty ? 0 : (group == 0 ? nonresponse : group &- 1),
                                         strata.isEmpty ? 0 : Int(strata[row]))
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// `column`'s values of `rows`, or no values when there is no column.
    @inline(__always)
    private static func withValues<T>(of column: ResponseColumn<T>?, in rows: Range<Int>,
                                      _ body: (UnsafeBufferPointer<T>) -> Void) {
        if let column { column.withValues(in: rows, body) } else { body(UnsafeBufferPointer(start: nil, count: 0)) }
    }
}

/// A group's valid values in ascending order: sorted, or as runs of equal values that are counted but
/// never written out (a million answers of a 1–4 scale are four runs), which give the same quantiles.
enum AscendingValues {
    case array([Double])
    /// Run values ascending, and after each run the number of values so far.
    case runs(values: [Double], ends: [Int])

    /// Runs of `count` copies of `value`, in ascending order of value; empty runs are dropped.
    init(runs: [(value: Double, count: Int)]) {
        var values: [Double] = []
        var ends: [Int] = []
        var total = 0
        for run in runs where run.count > 0 {
            total += run.count
            values.append(run.value)
            ends.append(total)
        }
        self = .runs(values: values, ends: ends)
    }

    var first: Double? {
        switch self {
        case .array(let sorted): sorted.first
        case .runs(let values, _): values.first
        }
    }

    var last: Double? {
        switch self {
        case .array(let sorted): sorted.last
        case .runs(let values, _): values.last
        }
    }

    /// The type-7 quantile at p, as `Quantile.type7` gives for the values written out.
    func quantile(_ p: Double) -> Double? {
        switch self {
        case .array(let sorted):
            return Quantile.type7(sorted, p)
        case .runs(let values, let ends):
            return Quantile.type7(count: ends.last ?? 0, p) { k in
                // The first run whose end passes k.
                var low = 0
                var high = ends.count - 1
                while low < high {
                    let middle = (low + high) / 2
                    if ends[middle] > k { high = middle } else { low = middle + 1 }
                }
                return values[low]
            }
        }
    }
}
