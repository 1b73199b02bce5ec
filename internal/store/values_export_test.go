package store

// Exported to the store_test package for the plan tests of a matrix's
// read and a grid's tally: the queries FindValues and TallyValues run.
var (
	FindValuesSQL  = findValuesSQL
	TallyValuesSQL = tallyValuesSQL
)
