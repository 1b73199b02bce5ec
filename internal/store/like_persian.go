package store

import "strings"

// Persian words are spelled with or without a hamza: «ادارهٔ کل» and
// «اداره کل», «مؤسسه» and «موسسه», «أ» and «ا». A name filter (LIKE) on
// a Persian name must find either spelling whichever one was typed, so
// the column and the pattern are both folded the same way: the hamza
// above dropped, ؤ as و, أ and إ as ا, ۀ as ه. The tables filtered so
// (units, users, documents, indicators) hold thousands of rows at most;
// a LIKE with a leading % reads them all anyway.

// hamzaFolds are the spellings folded, the SQL's and the Go's alike.
var hamzaFolds = [][2]string{{"\u0654", ""}, {"ؤ", "و"}, {"أ", "ا"}, {"إ", "ا"}, {"ۀ", "ه"}}

var hamzaReplacer = func() *strings.Replacer {
	var pairs []string
	for _, f := range hamzaFolds {
		pairs = append(pairs, f[0], f[1])
	}
	return strings.NewReplacer(pairs...)
}()

// foldedColumn is the SQL of a Persian text column, lower-cased and
// folded; replace() is the same function on both engines.
func foldedColumn(col string) string {
	s := "lower(" + col + ")"
	for _, f := range hamzaFolds {
		s = "replace(" + s + ", '" + f[0] + "', '" + f[1] + "')"
	}
	return s
}

// likeFolded is like's pattern, folded as foldedColumn folds the column.
func likeFolded(s string) string { return like(hamzaReplacer.Replace(s)) }
