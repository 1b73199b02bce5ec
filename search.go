package payesh

import (
	"context"
	"strings"
	"unicode"
)

// Search finds work, meetings, documents and clauses by the words of their titles
// and text, one box for the whole system. Persian is typed many ways:
// Arabic keyboards give ي and ك for ی and ک, some writers join «مصوبه‌ها»
// with a zero-width non-joiner, others write «مصوبه ها» or «مصوبهها»,
// digits come Persian or Latin. FoldSearch reduces a text to one spelling
// — the same Go code for the text indexed and the words asked — so each
// engine (SQLite FTS5, PostgreSQL full-text search) only matches plain
// words and behaves the same.

// Search kinds: what a hit is. Each kind has one indexing function in the
// store; a new kind (meetings, say) adds its own.
const (
	SearchWork     = "work"
	SearchDocument = "document"
	SearchClause   = "clause"
	SearchMeeting  = "meeting"
)

// SearchKinds lists every kind, in the order a page groups them.
var SearchKinds = []string{SearchWork, SearchMeeting, SearchDocument, SearchClause}

// Bounds of a search.
const (
	MaxSearchQuery     = 200 // runes of the query
	MaxSearchTerms     = 8   // words of the query that count
	MaxSearchLimit     = 100 // hits
	DefaultSearchLimit = 30
	minSearchRunes     = 2 // a query of fewer letters matches too much to help
)

// SearchQuery is what a search asks.
type SearchQuery struct {
	Q string
	// Kinds limits the hits to these kinds; none means every kind.
	Kinds []string
	Limit int
}

// SearchHit is one thing found: its kind and id, which a page turns into
// a link, its title and the start of its text.
type SearchHit struct {
	Kind    string `json:"kind"`
	ID      int64  `json:"id"`
	Title   string `json:"title"`
	Snippet string `json:"snippet"`
}

// SearchService is the one search of the system. It returns only what the
// reader reads, best matches first.
type SearchService interface {
	Search(ctx context.Context, q SearchQuery) ([]*SearchHit, error)
}

// SearchTerm is one word of a query, as FoldSearch reads it: its parts
// (more than one when the word was joined with a ZWNJ) and, then, the
// parts written together.
type SearchTerm struct {
	Parts  []string
	Joined string
}

// FoldSearch is the text an index holds for s: its words folded (see
// foldRune) and separated by single spaces. A word written with a ZWNJ is
// held both as its parts and written together, so «مصوبه‌ها» is found as
// «مصوبه ها», as «مصوبه‌ها» and as «مصوبهها».
func FoldSearch(s string) string {
	var b strings.Builder
	var joined []string
	for _, parts := range foldWords(s) {
		for _, p := range parts {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(p)
		}
		if len(parts) > 1 {
			joined = append(joined, strings.Join(parts, ""))
		}
	}
	for _, j := range joined {
		b.WriteByte(' ')
		b.WriteString(j)
	}
	return b.String()
}

// ParseSearch folds a query into its terms, at most MaxSearchTerms, or
// returns a field error for a query too long or with too little in it.
func ParseSearch(q string) ([]SearchTerm, error) {
	if len([]rune(q)) > MaxSearchQuery {
		return nil, Invalid(map[string]string{"q": "err.too_long"})
	}
	var terms []SearchTerm
	letters := 0
	for _, parts := range foldWords(q) {
		t := SearchTerm{Parts: parts}
		if len(parts) > 1 {
			t.Joined = strings.Join(parts, "")
		}
		for _, p := range parts {
			letters += len([]rune(p))
		}
		if len(terms) < MaxSearchTerms {
			terms = append(terms, t)
		}
	}
	if letters < minSearchRunes {
		return nil, Invalid(map[string]string{"q": "err.search.short"})
	}
	return terms, nil
}

// foldWords splits s into words, each a list of parts that ZWNJs joined.
func foldWords(s string) [][]string {
	s = strings.ToLower(NormalizeText(strings.ToValidUTF8(s, " ")))
	var words [][]string
	var parts []string
	var cur strings.Builder
	endPart := func() {
		if cur.Len() > 0 {
			parts = append(parts, cur.String())
			cur.Reset()
		}
	}
	endWord := func() {
		endPart()
		if len(parts) > 0 {
			words = append(words, parts)
			parts = nil
		}
	}
	for _, r := range s {
		switch f, kind := foldRune(r); kind {
		case runeLetter:
			cur.WriteRune(f)
		case runeJoiner:
			endPart()
		case runeDrop:
		default:
			endWord()
		}
	}
	endWord()
	return words
}

type runeKind int

const (
	runeSpace  runeKind = iota // ends a word
	runeLetter                 // part of a word, as folded
	runeJoiner                 // ZWNJ: ends a part, not the word
	runeDrop                   // shows nothing that matters (diacritics, tatweel)
)

// foldRune folds one rune: Persian and Arabic-Indic digits to Latin, the
// Arabic letter forms a Persian reader takes for the same letter to one
// (ة→ه, ۀ→ه, أ/إ/آ/ٱ→ا, ؤ→و, ئ→ی), diacritics and the tatweel away.
// Letters and digits are words; everything else separates them.
func foldRune(r rune) (rune, runeKind) {
	switch {
	case r >= '۰' && r <= '۹':
		return '0' + (r - '۰'), runeLetter
	case r >= '٠' && r <= '٩':
		return '0' + (r - '٠'), runeLetter
	case r == '\u200c':
		return 0, runeJoiner
	case r == 'ـ', r >= '\u064b' && r <= '\u065f', r == '\u0670', r == '\u200d':
		return 0, runeDrop
	}
	if f, ok := letterFolds[r]; ok {
		return f, runeLetter
	}
	if unicode.IsLetter(r) || unicode.IsDigit(r) {
		return r, runeLetter
	}
	if unicode.Is(unicode.Mn, r) {
		return 0, runeDrop
	}
	return 0, runeSpace
}

var letterFolds = map[rune]rune{
	'ة': 'ه', 'ۀ': 'ه', 'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا', 'ؤ': 'و', 'ئ': 'ی',
}
