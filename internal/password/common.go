package password

import (
	_ "embed"
	"strings"
	"sync"
	"unicode"
)

//go:generate go run ./gencommon -o common.txt

// commonText is the list of common passwords, one a line in folded form
// (see fold); lines starting with # are comments. gencommon writes it.
//
//go:embed common.txt
var commonText string

var (
	commonOnce sync.Once
	commonSet  map[string]struct{}
)

func loadCommon() {
	commonSet = map[string]struct{}{}
	for line := range strings.Lines(commonText) {
		line = strings.TrimRight(line, "\r\n")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		commonSet[line] = struct{}{}
	}
}

// fold removes what does not make a password harder to guess: letter case,
// and the script of its digits (Persian and Arabic-Indic digits read as
// Latin ones).
func fold(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '۰' && r <= '۹':
			return '0' + (r - '۰')
		case r >= '٠' && r <= '٩':
			return '0' + (r - '٠')
		}
		return unicode.ToLower(r)
	}, s)
}

// withoutSpaces drops white space, which people put between the words of a
// common password ("pass word 123") without making it any less common.
func withoutSpaces(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// IsCommon reports whether pw is on the list of common passwords, ignoring
// letter case, the script of its digits and spaces.
func IsCommon(pw string) bool {
	commonOnce.Do(loadCommon)
	f := fold(pw)
	if _, ok := commonSet[f]; ok {
		return true
	}
	_, ok := commonSet[withoutSpaces(f)]
	return ok
}

// CommonCount is the number of passwords on the list.
func CommonCount() int {
	commonOnce.Do(loadCommon)
	return len(commonSet)
}

// maxPeriod is the longest group of characters whose repetition makes a
// password trivial: "abab…", "abcabc…", "1q2w1q2w…".
const maxPeriod = 4

// IsTrivial reports whether pw is a pattern rather than a choice: one
// character, or a group of up to four, repeated ("aaaaaaaaaa",
// "abcabcabca"), or a run of consecutive letters or digits up or down
// ("abcdefghij", "1234567890", "9876543210"; digits run on from 9 to 0).
func IsTrivial(pw string) bool {
	r := []rune(fold(pw))
	if len(r) < 2 {
		return len(r) == 1
	}
	for p := 1; p <= maxPeriod && p < len(r); p++ {
		if periodic(r, p) {
			return true
		}
	}
	return isRun(r)
}

func periodic(r []rune, p int) bool {
	for i := p; i < len(r); i++ {
		if r[i] != r[i-p] {
			return false
		}
	}
	return true
}

// isRun reports whether every character is the one after (or every one the
// one before) the character before it.
func isRun(r []rune) bool {
	dir := step(r[0], r[1])
	if dir == 0 {
		return false
	}
	for i := 2; i < len(r); i++ {
		if step(r[i-1], r[i]) != dir {
			return false
		}
	}
	return true
}

// step is +1 when b follows a, -1 when it precedes it, else 0. Digits wrap
// around as on a keyboard's top row: 0 follows 9.
func step(a, b rune) int {
	if isDigit(a) && isDigit(b) {
		switch (b - a + 10) % 10 {
		case 1:
			return 1
		case 9:
			return -1
		}
		return 0
	}
	if isDigit(a) || isDigit(b) {
		return 0
	}
	switch b - a {
	case 1:
		return 1
	case -1:
		return -1
	}
	return 0
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// minNameLen is the shortest username a password may not contain: a
// two-letter name ("ab") is too likely to occur by chance in a good
// passphrase, so for it only equality counts.
const minNameLen = 3

// ContainsUsername reports whether pw is or contains the username,
// ignoring letter case, also with the username's dots, hyphens and
// underscores left out ("reporter.one" is in "ReporterOne2024").
func ContainsUsername(pw, username string) bool {
	name := strings.TrimSpace(fold(username))
	if name == "" {
		return false
	}
	p := fold(pw)
	if p == name {
		return true
	}
	if len([]rune(name)) < minNameLen {
		return false
	}
	if strings.Contains(p, name) {
		return true
	}
	bare := strings.Map(func(r rune) rune {
		if r == '.' || r == '-' || r == '_' {
			return -1
		}
		return r
	}, name)
	return len([]rune(bare)) >= minNameLen && strings.Contains(withoutSpaces(p), bare)
}
