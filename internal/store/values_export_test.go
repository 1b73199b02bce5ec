package store

// Exported to the store_test package for the plan test of a matrix's
// read: the query FindValues runs.
var FindValuesSQL = findValuesSQL
