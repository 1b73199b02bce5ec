// Package bench measures Payesh at national scale: it generates a
// synthetic organization — a four-level org tree, hundreds of monthly
// indicators and ten years of values — and times the questions dashboards
// ask against the stored roll-ups and against the raw values, checking
// that both give the same answers.
package bench

// Config shapes the generated data set.
type Config struct {
	Provinces   int // under the root
	CountiesPer int // under each province
	BranchesPer int // under each county: the reporting leaves
	Indicators  int // monthly indicators, spread over the nine axes
	Reporters   int // leaves that report each indicator
	Years       int // of monthly values, ending with LastYear
	LastYear    int
	Runs        int // timed repetitions of each question
	Seed        uint64
}

// Full is ten times the real organization: about 2,000 units, 500
// indicators, 10 years of months and 20 million values.
func Full() Config {
	return Config{Provinces: 31, CountiesPer: 8, BranchesPer: 7, Indicators: 500, Reporters: 333,
		Years: 10, LastYear: 1403, Runs: 40, Seed: 1401}
}

// Small is the size CI runs: the same shape, seconds to build.
func Small() Config {
	return Config{Provinces: 6, CountiesPer: 3, BranchesPer: 4, Indicators: 27, Reporters: 30,
		Years: 5, LastYear: 1403, Runs: 15, Seed: 1401}
}

// Units is how many org units the tree has.
func (c Config) Units() int {
	return 1 + c.Provinces + c.Provinces*c.CountiesPer + c.Provinces*c.CountiesPer*c.BranchesPer
}

// Values is how many values the data set has.
func (c Config) Values() int { return c.Indicators * c.Reporters * c.Years * 12 }
