package i18n

import "fmt"

type text struct{ fa, en string }

// catalog holds every message, gathered from the catalog_*.go files, one
// per area so that areas grow without stepping on each other. Keys the code
// and the templates use are checked against it by TestEveryKeyTranslated.
var catalog = map[string]text{}

// add merges m into the catalog; a key defined twice is a programming
// error caught at start-up.
func add(m map[string]text) {
	for k, v := range m {
		if _, dup := catalog[k]; dup {
			panic(fmt.Sprintf("i18n: key %q defined twice", k))
		}
		catalog[k] = v
	}
}
